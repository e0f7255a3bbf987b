package io.ruche.search;

import io.micronaut.context.annotation.Factory;
import io.ruche.forum.ForumEvents;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The search index follows the forum: each fact that changes what a post or a thread looks like in results is
 * re-read from the database and indexed again (or removed), in the search lane. Indexing is an upsert, so a
 * delivery that arrives twice changes nothing twice.
 */
@Factory
class SearchSubscribers {

    private static final String LANE = "search";

    @Singleton
    @Named("search.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished(SearchIndex index) {
        return new Subscriber<>(ForumEvents.PostPublished.class, "search.post-published", LANE,
                e -> index.refreshPosts(List.of(e.postId())));
    }

    @Singleton
    @Named("search.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> threadCreated(SearchIndex index) {
        return new Subscriber<>(ForumEvents.ThreadCreated.class, "search.thread-created", LANE,
                e -> index.refreshThread(e.threadId()));
    }

    @Singleton
    @Named("search.post-edited")
    EventSubscriber<ForumEvents.PostEdited> postEdited(SearchIndex index) {
        return new Subscriber<>(ForumEvents.PostEdited.class, "search.post-edited", LANE,
                e -> index.refreshPosts(List.of(e.postId())));
    }

    @Singleton
    @Named("search.post-hidden")
    EventSubscriber<ForumEvents.PostHidden> postHidden(SearchIndex index) {
        return new Subscriber<>(ForumEvents.PostHidden.class, "search.post-hidden", LANE,
                e -> index.refreshPosts(List.of(e.postId())));
    }

    @Singleton
    @Named("search.post-deleted")
    EventSubscriber<ForumEvents.PostDeleted> postDeleted(SearchIndex index) {
        return new Subscriber<>(ForumEvents.PostDeleted.class, "search.post-deleted", LANE,
                e -> index.refreshPosts(List.of(e.postId())));
    }

    /** A deleted member's posts name "deleted member" from now on (or left, when the site removed them). */
    @Singleton
    @Named("search.member-anonymised")
    EventSubscriber<io.ruche.accounts.AccountEvents.MemberAnonymised> memberAnonymised(SearchIndex index,
                                                                                       SearchDocuments documents) {
        return new Subscriber<>(io.ruche.accounts.AccountEvents.MemberAnonymised.class, "search.member-anonymised",
                LANE, e -> {
                    for (List<Long> batch : documents.postIdsOfAuthor(e.memberId())) {
                        index.refreshPosts(batch);
                    }
                });
    }

    /** Solved or not is a search filter: every post of the thread carries it. */
    @Singleton
    @Named("search.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> answerAccepted(SearchIndex index) {
        return new Subscriber<>(ForumEvents.AnswerAccepted.class, "search.answer-accepted", LANE,
                e -> index.refreshThread(e.threadId()));
    }

    @Singleton
    @Named("search.thread-moved")
    EventSubscriber<ForumEvents.ThreadMoved> threadMoved(SearchIndex index) {
        return new Subscriber<>(ForumEvents.ThreadMoved.class, "search.thread-moved", LANE,
                e -> index.refreshThread(e.threadId()));
    }

    @Singleton
    @Named("search.thread-retitled")
    EventSubscriber<ForumEvents.ThreadRetitled> threadRetitled(SearchIndex index) {
        return new Subscriber<>(ForumEvents.ThreadRetitled.class, "search.thread-retitled", LANE,
                e -> index.refreshThread(e.threadId()));
    }

    /** The merged posts keep their ids: indexing the thread they joined rewrites each of them. */
    @Singleton
    @Named("search.thread-merged")
    EventSubscriber<ForumEvents.ThreadMerged> threadMerged(SearchIndex index) {
        return new Subscriber<>(ForumEvents.ThreadMerged.class, "search.thread-merged", LANE,
                e -> index.refreshThread(e.intoThreadId()));
    }

    @Singleton
    @Named("search.thread-split")
    EventSubscriber<ForumEvents.ThreadSplit> threadSplit(SearchIndex index) {
        return new Subscriber<>(ForumEvents.ThreadSplit.class, "search.thread-split", LANE, e -> {
            index.refreshThread(e.fromThreadId());
            index.refreshThread(e.newThreadId());
        });
    }
}
