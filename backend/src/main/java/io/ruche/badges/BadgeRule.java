package io.ruche.badges;

/** The built-in rules a badge can name; each compares one number of the member (or of a post) with the threshold. */
public enum BadgeRule {
    /** Threads and replies published. */
    POSTS,
    /** A reply liked by N members (for a badge earned many times, each reply earns it). */
    REPLY_LIKES,
    /** A thread whose first post N members liked. */
    THREAD_LIKES,
    /** Answers accepted. */
    ACCEPTED_ANSWERS,
    /** Distinct members who liked the member's posts. */
    LIKERS,
    /** A reply to a newcomer's first thread, liked by another member. */
    WELCOME,
    /** Threads the member started that others replied to. */
    THREADS_ANSWERED,
    /** Days visited among the last 100. */
    VISIT_DAYS,
    /** Each year of membership with a post in it (nightly). */
    ANNIVERSARY,
    /** Flags that moderators upheld. */
    FLAGS_UPHELD,
    /** A display name and a bio. */
    PROFILE,
    /** Events attended (once events exist). */
    EVENTS_ATTENDED,
    /** The guidelines read (once the guidelines page exists). */
    GUIDELINES
}
