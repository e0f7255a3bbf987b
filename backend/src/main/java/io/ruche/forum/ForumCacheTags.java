package io.ruche.forum;

/**
 * The guest cache's tags for what forum serves: one thread (its pages, JSON and HTML) and the lists (latest, a
 * category's, a tag's, the home page), which any new thread or reply reorders.
 */
public final class ForumCacheTags {

    public static final String LISTS = "lists";

    private ForumCacheTags() {
    }

    public static String thread(long threadId) {
        return "thread:" + threadId;
    }

    public static String post(long postId) {
        return "post:" + postId;
    }

    /** A thread page's tags: the thread and each post shown (a reaction or a hidden post names only its post). */
    public static java.util.Set<String> of(ForumViews.ThreadDetail detail) {
        java.util.Set<String> tags = new java.util.HashSet<>();
        tags.add(thread(detail.thread().id()));
        detail.posts().forEach(p -> tags.add(post(p.id())));
        if (detail.acceptedAnswer() != null) {
            tags.add(post(detail.acceptedAnswer().id()));
        }
        return tags;
    }
}
