package io.ruche.notifications;

/** What a notification is about, with the channel a member gets until they choose another. */
public enum NotificationKind {
    REPLY(Channel.EMAIL),
    MENTION(Channel.EMAIL),
    QUOTE(Channel.APP),
    REACTION(Channel.APP),
    ACCEPTED(Channel.EMAIL),
    NEW_THREAD(Channel.EMAIL),
    /** A moderator writes to a member: it can be moved out of the inbox, never switched off. */
    STAFF_MESSAGE(Channel.EMAIL),
    /** For moderators: a new item waits in the review queue (grouped while unread). */
    REVIEW_QUEUE(Channel.APP),
    /** The member earned a badge ({@code detail} holds the badge id). */
    BADGE(Channel.APP),
    /** The member's trust level changed or is about to ({@code detail}: "from:to:reason"). */
    TRUST_LEVEL(Channel.APP),
    /** Staff moved the member's post: the thread changed category, or posts were merged or split ({@code detail}). */
    POST_MOVED(Channel.APP),
    /** A moderator approved the member's held post. */
    POST_APPROVED(Channel.APP),
    /** A moderator rejected the member's held post ({@code detail} holds the reason): never switched off. */
    POST_REJECTED(Channel.EMAIL),
    /** Staff set the status of an idea the member voted for or proposed ({@code detail}: "STATUS:note"). */
    IDEA_STATUS(Channel.EMAIL),
    /** A bookmark's reminder the member set ({@code detail}: their note). */
    BOOKMARK_REMINDER(Channel.EMAIL),
    /** A private message in one of the member's conversations ({@code detail}: "conversationId:subject"). */
    MESSAGE(Channel.EMAIL);

    private final Channel defaultChannel;

    NotificationKind(Channel defaultChannel) {
        this.defaultChannel = defaultChannel;
    }

    public Channel defaultChannel() {
        return defaultChannel;
    }

    public boolean canTurnOff() {
        return this != STAFF_MESSAGE && this != POST_REJECTED;
    }

    /** Where a notification goes: nowhere, the app only, the app and a mail now, or the app and the digest. */
    public enum Channel { OFF, APP, EMAIL, DIGEST }
}
