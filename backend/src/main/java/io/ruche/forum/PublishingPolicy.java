package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * How what members publish is screened: forum defines the port and calls it inside the write transaction;
 * moderation implements it (silences, slow mode, watched words, newcomer limits, held posts, the review queue).
 * Forum knows nothing of moderation's tables.
 */
public interface PublishingPolicy {

    /** What happens to a post: published as is (with censored or linked text), or held for review, and why. */
    record Screening(@Nullable String title, String body, @Nullable String holdReason, String holdDetail,
                     boolean flag, String flagDetail) {
        public boolean held() {
            return holdReason != null;
        }
    }

    /**
     * Screens a new thread ({@code thread} null) or a reply, given the category and thread forum has already loaded
     * and checked. Refuses (problem) what may not be published at all.
     */
    Screening screen(Viewer viewer, Category category, @Nullable Thread thread, @Nullable String title, String body);

    /** Silenced members read only: no posts, reactions or flags. */
    void requireNotSilenced(Viewer viewer);

    /** A post was published: one more to the author's standing (in the caller's transaction). */
    void published(long authorId);

    /** Holds a post for review instead of publishing it; returns the held post's id. */
    long hold(long authorId, long categoryId, @Nullable Long threadId, @Nullable String title, List<String> tags,
              @Nullable Long replyTo, String body, String reason, String detail);

    /** A published post that a rule asked a person to look at. */
    void flagForReview(long postId, long categoryId, long authorId, String detail);
}
