package io.ruche.analytics;

import io.micronaut.context.annotation.Factory;
import io.ruche.accounts.AccountEvents;
import io.ruche.analytics.ActivityFacts.Kind;
import io.ruche.badges.BadgeEvents;
import io.ruche.events.EventEvents;
import io.ruche.forum.ForumEvents;
import io.ruche.moderation.ModerationEvents;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Analytics listens to what the other features publish, in the default lane, off the request path: each event
 * becomes one fact with the instant it happened (read from the source row where there is one).
 */
@Factory
class AnalyticsSubscribers {

    private static final String LANE = "default";

    private final ActivityFacts facts;
    private final Clock clock;

    AnalyticsSubscribers(ActivityFacts facts, Clock clock) {
        this.facts = facts;
        this.clock = clock;
    }

    private Instant orNow(Instant at) {
        return at == null ? clock.instant() : at;
    }

    @Singleton
    @Named("analytics.member-registered")
    EventSubscriber<AccountEvents.MemberRegistered> registered() {
        return new Subscriber<>(AccountEvents.MemberRegistered.class, "analytics.member-registered", LANE, e -> {
            Instant at = orNow(facts.createdAt("members", e.memberId()));
            facts.record(Kind.SIGNUP, "member:" + e.memberId(), e.memberId(), null, null, at);
            facts.firstSteps(e.memberId(), at, null);
        });
    }

    /** A visit is known by its UTC day; it counts at the delivery's moment, kept inside that day. */
    @Singleton
    @Named("analytics.member-visit")
    EventSubscriber<AccountEvents.MemberSignedIn> visit() {
        return new Subscriber<>(AccountEvents.MemberSignedIn.class, "analytics.member-visit", LANE, e -> {
            Instant start = e.day().atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = e.day().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            Instant now = clock.instant();
            Instant at = now.isBefore(start) ? start : now.isAfter(end) ? end : now;
            facts.record(Kind.VISIT, "member:" + e.memberId() + ":" + e.day(), e.memberId(), null, null, at);
        });
    }

    @Singleton
    @Named("analytics.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> thread() {
        return new Subscriber<>(ForumEvents.ThreadCreated.class, "analytics.thread-created", LANE, e -> {
            Instant at = orNow(facts.createdAt("threads", e.threadId()));
            facts.record(Kind.THREAD, "thread:" + e.threadId(), e.authorId(), e.categoryId(), e.threadId(), at);
            facts.firstSteps(e.authorId(), null, at);
            facts.threadStarted(e.threadId(), e.categoryId(), e.authorId(), at);
        });
    }

    @Singleton
    @Named("analytics.post-published")
    EventSubscriber<ForumEvents.PostPublished> reply() {
        return new Subscriber<>(ForumEvents.PostPublished.class, "analytics.post-published", LANE, e -> {
            Instant at = orNow(facts.createdAt("posts", e.postId()));
            facts.record(Kind.REPLY, "post:" + e.postId(), e.authorId(), e.categoryId(), e.threadId(), at);
            facts.firstSteps(e.authorId(), null, at);
            facts.replied(e.threadId(), e.authorId(), at);
        });
    }

    @Singleton
    @Named("analytics.reaction-added")
    EventSubscriber<ForumEvents.ReactionAdded> reaction() {
        return new Subscriber<>(ForumEvents.ReactionAdded.class, "analytics.reaction-added", LANE,
                e -> {
                    ActivityFacts.Place place = facts.place(e.postId());
                    facts.record(Kind.REACTION, "post:" + e.postId() + ":" + e.memberId() + ":" + e.kind(),
                            e.memberId(), place == null ? null : place.categoryId(),
                            place == null ? null : place.threadId(), clock.instant());
                });
    }

    @Singleton
    @Named("analytics.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> accepted() {
        return new Subscriber<>(ForumEvents.AnswerAccepted.class, "analytics.answer-accepted", LANE, e -> {
            if (e.postId() != null) {
                ActivityFacts.Place place = facts.place(e.postId());
                facts.record(Kind.ACCEPTED, "thread:" + e.threadId() + ":post:" + e.postId(), e.actorId(),
                        place == null ? null : place.categoryId(), e.threadId(), clock.instant());
                facts.solved(e.threadId(), clock.instant());
            } else {
                facts.solved(e.threadId(), null);
            }
        });
    }

    @Singleton
    @Named("analytics.flag-raised")
    EventSubscriber<ModerationEvents.FlagRaised> flag() {
        return new Subscriber<>(ModerationEvents.FlagRaised.class, "analytics.flag-raised", LANE,
                e -> {
                    ActivityFacts.Place place = facts.place(e.postId());
                    Long category = place == null ? null : place.categoryId();
                    Instant at = clock.instant();
                    facts.record(Kind.FLAG, "post:" + e.postId() + ":" + e.memberId(), e.memberId(), category,
                            place == null ? null : place.threadId(), at);
                    facts.flagged(e.postId(), category, at);
                });
    }

    @Singleton
    @Named("analytics.review-decided")
    EventSubscriber<ModerationEvents.ReviewDecided> review() {
        return new Subscriber<>(ModerationEvents.ReviewDecided.class, "analytics.review-decided", LANE,
                e -> {
                    ActivityFacts.Place place = e.postId() == null ? null : facts.place(e.postId());
                    Instant at = clock.instant();
                    facts.record(Kind.FLAG_RESOLVED, "item:" + e.itemId(), e.staffId(),
                            place == null ? null : place.categoryId(), place == null ? null : place.threadId(), at);
                    if (e.postId() != null) {
                        facts.flagDecided(e.postId(), at);
                    }
                });
    }

    @Singleton
    @Named("analytics.badge-granted")
    EventSubscriber<BadgeEvents.BadgeGranted> badge() {
        return new Subscriber<>(BadgeEvents.BadgeGranted.class, "analytics.badge-granted", LANE,
                e -> facts.record(Kind.BADGE, "grant:" + e.grantId(), e.memberId(), null, null, clock.instant()));
    }

    @Singleton
    @Named("analytics.event-registration")
    EventSubscriber<EventEvents.RegistrationChanged> eventRegistration() {
        return new Subscriber<>(EventEvents.RegistrationChanged.class, "analytics.event-registration", LANE, e -> {
            if ("REGISTERED".equals(e.status()) && !"OFFERED".equals(e.previous())) {
                facts.record(Kind.EVENT_REGISTRATION, "event:" + e.eventId() + ":" + e.memberId() + ":"
                        + e.at().toEpochMilli(), e.memberId(), null, null, e.at());
            }
        });
    }

    @Singleton
    @Named("analytics.search")
    EventSubscriber<io.ruche.search.SearchEvents.SearchPerformed> search() {
        return new Subscriber<>(io.ruche.search.SearchEvents.SearchPerformed.class, "analytics.search", LANE,
                e -> facts.search(e.memberId(), e.terms(), e.results(), clock.instant()));
    }

    @Singleton
    @Named("analytics.event-attended")
    EventSubscriber<EventEvents.EventAttended> attended() {
        return new Subscriber<>(EventEvents.EventAttended.class, "analytics.event-attended", LANE,
                e -> facts.record(Kind.EVENT_ATTENDANCE, "event:" + e.eventId() + ":" + e.memberId(), e.memberId(),
                        null, null, clock.instant()));
    }
}
