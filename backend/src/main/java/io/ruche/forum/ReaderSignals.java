package io.ruche.forum;

/**
 * What forum tells others about readers, right in the request's transaction: a member who has just read a thread
 * (so its notifications are read at once, not a poll later). Forum defines it; notifications implement it, so forum
 * does not depend on notifications. Facts that can wait for the commit go through domain events instead.
 */
public interface ReaderSignals {

    /** The member read the thread up to its end. */
    void threadRead(long memberId, long threadId);
}
