package io.ruche.platform.jobs;

/**
 * Job kinds named by hand. Follow-ups of what members do are domain events now (platform/events: one delivery per
 * subscriber, kind {@code event.<subscriber>}); the search and notify kinds below are still handled so that jobs
 * queued before the upgrade run, and nothing enqueues them any more.
 */
public final class JobKinds {

    /** Payload: a post id. Brings the search index in line with the post. */
    public static final String SEARCH_POST = "search.post";
    /** Payload: a thread id. Brings the search index in line with every post of the thread. */
    public static final String SEARCH_THREAD = "search.thread";

    /** Payload: a mail id. Sends a queued mail (SMTP or outbox). */
    public static final String MAIL_SEND = "mail.send";
    /** Payload: a post id. Notifies the people a new post concerns (replies, mentions, quotes, watchers). */
    public static final String NOTIFY_POST = "notify.post";
    /** Payload: a thread id. Notifies the watchers of the thread's category of a new thread. */
    public static final String NOTIFY_THREAD = "notify.thread";
    /** Payload: "postId:memberId:kind". Notifies a post's author of a reaction (grouped while unread). */
    public static final String NOTIFY_REACTION = "notify.reaction";
    /** Payload: "threadId:postId:actorId". Notifies the author of an accepted answer. */
    public static final String NOTIFY_ACCEPTED = "notify.accepted";
    /** Payload: a notification id. Mails a notification that is still unread. */
    public static final String NOTIFY_EMAIL = "notify.email";

    private JobKinds() {
    }
}
