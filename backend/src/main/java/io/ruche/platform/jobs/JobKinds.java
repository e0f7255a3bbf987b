package io.ruche.platform.jobs;

/** The kinds of job features enqueue, named once so producers and handlers agree. */
public final class JobKinds {

    /** Payload: a post id. Brings the search index in line with the post. */
    public static final String SEARCH_POST = "search.post";
    /** Payload: a thread id. Brings the search index in line with every post of the thread. */
    public static final String SEARCH_THREAD = "search.thread";

    private JobKinds() {
    }
}
