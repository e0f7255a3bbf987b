package io.ruche.pages;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.forum.ForumCacheTags;
import io.ruche.forum.ForumEvents;
import io.ruche.live.LiveEvents;
import io.ruche.live.LiveFeed;
import io.ruche.platform.cache.GuestCache;
import io.ruche.platform.events.CommittedEvents;
import io.ruche.platform.events.DomainEvent;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps guests' cached pages true: forum's events name what changed (a thread, the lists, or everything when a
 * category's rights may have changed); the subscriber, in the live lane (a quarter second), writes it to the live
 * feed, and every node's listener drops the tagged entries when the feed brings it (half a second): an edit reaches
 * guests on every node within a second.
 */
@Factory
class GuestCacheInvalidation {

    static final String TOPIC = "cache";
    static final String ALL = "*";
    private static final String LANE = "live";

    /** Every node listens to the feed's cache topic from startup. */
    @Context
    static class Listener {
        private final LiveFeed feed;
        private final GuestCache cache;
        private final JsonMapper json;

        Listener(LiveFeed feed, GuestCache cache, JsonMapper json) {
            this.feed = feed;
            this.cache = cache;
            this.json = json;
        }

        @PostConstruct
        void listen() {
            feed.listen(List.of(TOPIC), event -> {
                try {
                    @SuppressWarnings("unchecked")
                    List<String> tags = (List<String>) json.readValue(event.payload(), Map.class).get("tags");
                    if (tags == null || tags.contains(ALL)) {
                        cache.clear();
                    } else {
                        cache.invalidate(tags);
                    }
                } catch (IOException | ClassCastException e) {
                    cache.clear();
                }
            });
        }
    }

    /** Tells every node (this one at once) to drop what carries these tags. */
    @Singleton
    static class Broadcast {
        private final LiveEvents live;
        private final GuestCache cache;
        private final JsonMapper json;
        private final TransactionOperations<Connection> tx;

        Broadcast(LiveEvents live, GuestCache cache, JsonMapper json, TransactionOperations<Connection> tx) {
            this.live = live;
            this.cache = cache;
            this.json = json;
            this.tx = tx;
        }

        void drop(List<String> tags) {
            if (tags.contains(ALL)) {
                cache.clear();
            } else {
                cache.invalidate(tags);
            }
            try {
                String payload = json.writeValueAsString(Map.of("tags", tags));
                tx.executeWrite(status -> {
                    live.publish(TOPIC, "invalidate", payload);
                    return null;
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * The tags an event drops, or none. Events name their thread, or for a reaction or a hidden post the post
     * (cached thread pages carry the ids of the posts they show).
     */
    static List<String> tagsOf(DomainEvent event) {
        if (event instanceof ForumEvents.PostPublished e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.ThreadCreated e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.PostEdited e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.PostDeleted e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.PostHidden e) {
            return List.of(ForumCacheTags.post(e.postId()), ForumCacheTags.LISTS);
        } else if (event instanceof ForumEvents.ReactionAdded e) {
            return List.of(ForumCacheTags.post(e.postId()));
        } else if (event instanceof ForumEvents.ReactionRemoved e) {
            return List.of(ForumCacheTags.post(e.postId()));
        } else if (event instanceof ForumEvents.AnswerAccepted e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.ThreadMoved e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.ThreadRetitled e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.ThreadChanged e) {
            return threadAndLists(e.threadId());
        } else if (event instanceof ForumEvents.ThreadMerged e) {
            return threadAndLists(e.sourceThreadId(), e.intoThreadId());
        } else if (event instanceof ForumEvents.ThreadSplit e) {
            return threadAndLists(e.fromThreadId(), e.newThreadId());
        } else if (event instanceof ForumEvents.CategoryChanged) {
            return List.of(ALL);
        } else if (event instanceof io.ruche.accounts.AccountEvents.MemberAnonymised) {
            return List.of(ALL); // their name was on any page: rare enough to start afresh
        }
        return List.of();
    }

    private static List<String> threadAndLists(long... threadIds) {
        List<String> tags = new ArrayList<>();
        for (long id : threadIds) {
            tags.add(ForumCacheTags.thread(id));
        }
        tags.add(ForumCacheTags.LISTS);
        return tags;
    }

    /** The writing node drops its own copies as soon as the change commits (the others within a second). */
    @Singleton
    static class Local implements CommittedEvents {
        private final GuestCache cache;

        Local(GuestCache cache) {
            this.cache = cache;
        }

        @Override
        public void committed(DomainEvent event) {
            List<String> tags = tagsOf(event);
            if (tags.contains(ALL)) {
                cache.clear();
            } else if (!tags.isEmpty()) {
                cache.invalidate(tags);
            }
        }
    }

    private static <E extends DomainEvent> EventSubscriber<E> on(Class<E> type, String name, Broadcast broadcast) {
        return new Subscriber<>(type, name, LANE, e -> broadcast.drop(tagsOf(e)));
    }

    @Singleton
    @Named("cache.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished(Broadcast b) {
        return on(ForumEvents.PostPublished.class, "cache.post-published", b);
    }

    @Singleton
    @Named("cache.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> threadCreated(Broadcast b) {
        return on(ForumEvents.ThreadCreated.class, "cache.thread-created", b);
    }

    @Singleton
    @Named("cache.post-edited")
    EventSubscriber<ForumEvents.PostEdited> postEdited(Broadcast b) {
        return on(ForumEvents.PostEdited.class, "cache.post-edited", b);
    }

    @Singleton
    @Named("cache.post-deleted")
    EventSubscriber<ForumEvents.PostDeleted> postDeleted(Broadcast b) {
        return on(ForumEvents.PostDeleted.class, "cache.post-deleted", b);
    }

    @Singleton
    @Named("cache.member-anonymised")
    EventSubscriber<io.ruche.accounts.AccountEvents.MemberAnonymised> memberAnonymised(Broadcast b) {
        return on(io.ruche.accounts.AccountEvents.MemberAnonymised.class, "cache.member-anonymised", b);
    }

    @Singleton
    @Named("cache.post-hidden")
    EventSubscriber<ForumEvents.PostHidden> postHidden(Broadcast b) {
        return on(ForumEvents.PostHidden.class, "cache.post-hidden", b);
    }

    @Singleton
    @Named("cache.reaction-added")
    EventSubscriber<ForumEvents.ReactionAdded> reactionAdded(Broadcast b) {
        return on(ForumEvents.ReactionAdded.class, "cache.reaction-added", b);
    }

    @Singleton
    @Named("cache.reaction-removed")
    EventSubscriber<ForumEvents.ReactionRemoved> reactionRemoved(Broadcast b) {
        return on(ForumEvents.ReactionRemoved.class, "cache.reaction-removed", b);
    }

    @Singleton
    @Named("cache.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> answerAccepted(Broadcast b) {
        return on(ForumEvents.AnswerAccepted.class, "cache.answer-accepted", b);
    }

    @Singleton
    @Named("cache.thread-moved")
    EventSubscriber<ForumEvents.ThreadMoved> threadMoved(Broadcast b) {
        return on(ForumEvents.ThreadMoved.class, "cache.thread-moved", b);
    }

    @Singleton
    @Named("cache.thread-retitled")
    EventSubscriber<ForumEvents.ThreadRetitled> threadRetitled(Broadcast b) {
        return on(ForumEvents.ThreadRetitled.class, "cache.thread-retitled", b);
    }

    @Singleton
    @Named("cache.thread-changed")
    EventSubscriber<ForumEvents.ThreadChanged> threadChanged(Broadcast b) {
        return on(ForumEvents.ThreadChanged.class, "cache.thread-changed", b);
    }

    @Singleton
    @Named("cache.thread-merged")
    EventSubscriber<ForumEvents.ThreadMerged> threadMerged(Broadcast b) {
        return on(ForumEvents.ThreadMerged.class, "cache.thread-merged", b);
    }

    @Singleton
    @Named("cache.thread-split")
    EventSubscriber<ForumEvents.ThreadSplit> threadSplit(Broadcast b) {
        return on(ForumEvents.ThreadSplit.class, "cache.thread-split", b);
    }

    @Singleton
    @Named("cache.category-changed")
    EventSubscriber<ForumEvents.CategoryChanged> categoryChanged(Broadcast b) {
        return on(ForumEvents.CategoryChanged.class, "cache.category-changed", b);
    }
}
