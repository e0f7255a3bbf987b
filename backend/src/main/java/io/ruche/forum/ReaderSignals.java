package io.ruche.forum;

/**
 * What forum tells others about readers, right in the request's transaction: a new post readers of the thread
 * should see live, and a member who has just read a thread (so its notifications are read too). Forum defines it;
 * the live feed and notifications implement it, so forum depends on neither.
 */
public interface ReaderSignals {

    /** Connected readers of the thread learn of the post when the transaction commits. */
    void postAdded(long threadId, long postId, int position);

    /** The member read the thread up to its end. */
    void threadRead(long memberId, long threadId);
}
