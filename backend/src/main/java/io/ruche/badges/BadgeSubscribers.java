package io.ruche.badges;

import io.micronaut.context.annotation.Factory;
import io.ruche.accounts.AccountEvents;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.forum.ForumEvents;
import io.ruche.forum.PostService;
import io.ruche.moderation.ModerationEvents;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Badges follow what members do: each fact moves the ledger (once, whatever the redeliveries) and the rules it
 * touches are evaluated. Forum, accounts and moderation are not edited to grant badges.
 */
@Factory
class BadgeSubscribers {

    private static final String LANE = "default";
    /** Decisions that agree with the flaggers. */
    private static final Set<String> UPHELD = Set.of("HIDE", "DELETE", "WARN", "SILENCE", "SUSPEND");

    private final BadgeAwards awards;
    private final BadgeLedger ledger;
    private final PostService posts;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final BadgeSettings settings;
    private final TrustLevels trust;

    BadgeSubscribers(BadgeAwards awards, BadgeLedger ledger, PostService posts, TransactionOperations<Connection> tx,
                     Clock clock, BadgeSettings settings, TrustLevels trust) {
        this.settings = settings;
        this.trust = trust;
        this.awards = awards;
        this.ledger = ledger;
        this.posts = posts;
        this.tx = tx;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void inTransaction(Runnable work) {
        tx.executeWrite(status -> {
            work.run();
            return null;
        });
    }

    @Singleton
    @Named("badges.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> threadCreated() {
        return new Subscriber<>(ForumEvents.ThreadCreated.class, "badges.thread-created", LANE, e -> inTransaction(() -> {
            ledger.firstPost(e.authorId(), e.firstPostId());
            if (ledger.count(e.authorId(), "post:" + e.firstPostId(), BadgeLedger.Counter.POSTS)) {
                ledger.points(e.authorId(), today(), settings.cachedPoints().post());
                awards.reached(e.authorId(), BadgeRule.POSTS, ledger.stats(e.authorId()).posts(), e.firstPostId(),
                        e.threadId());
                awards.templates(e.authorId(), e.firstPostId(), e.threadId());
            }
        }));
    }

    @Singleton
    @Named("badges.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished() {
        return new Subscriber<>(ForumEvents.PostPublished.class, "badges.post-published", LANE, e -> inTransaction(() -> {
            ledger.firstPost(e.authorId(), e.postId());
            if (ledger.count(e.authorId(), "post:" + e.postId(), BadgeLedger.Counter.POSTS,
                    BadgeLedger.Counter.REPLIES)) {
                ledger.points(e.authorId(), today(), settings.cachedPoints().post());
                awards.reached(e.authorId(), BadgeRule.POSTS, ledger.stats(e.authorId()).posts(), e.postId(),
                        e.threadId());
                awards.templates(e.authorId(), e.postId(), e.threadId());
            }
            posts.facts(e.postId()).filter(p -> p.threadAuthorId() != e.authorId()).ifPresent(p -> {
                // Someone else replied: one more of the starter's threads became a conversation.
                if (ledger.count(p.threadAuthorId(), "answered:" + p.threadId(), BadgeLedger.Counter.THREADS_ANSWERED)) {
                    awards.reached(p.threadAuthorId(), BadgeRule.THREADS_ANSWERED,
                            ledger.stats(p.threadAuthorId()).threadsAnswered(), p.threadFirstPostId(), p.threadId());
                }
            });
            trust.evaluate(e.authorId());
        }));
    }

    @Singleton
    @Named("badges.reaction-added")
    EventSubscriber<ForumEvents.ReactionAdded> reactionAdded() {
        return new Subscriber<>(ForumEvents.ReactionAdded.class, "badges.reaction-added", LANE, e -> {
            if (!"like".equals(e.kind())) {
                return;
            }
            inTransaction(() -> posts.facts(e.postId()).filter(p -> !p.deleted() && p.authorId() != e.memberId())
                    .ifPresent(p -> {
                        LocalDate today = today();
                        if (!ledger.like(p.postId(), e.memberId(), p.authorId(), today, awards.likesPerGiverPerDay())) {
                            return;
                        }
                        ledger.points(p.authorId(), today, settings.cachedPoints().like());
                        awards.reached(p.authorId(), BadgeRule.LIKERS, ledger.stats(p.authorId()).likers(), p.postId(),
                                p.threadId());
                        awards.postLiked(p, ledger.postLikes(p.postId()));
                        awards.templates(p.authorId(), p.postId(), p.threadId());
                        // A reply that welcomed a newcomer: their very first post started this thread.
                        Long newcomersFirst = ledger.stats(p.threadAuthorId()).firstPostId();
                        if (!p.isFirstPost() && p.threadAuthorId() != p.authorId() && newcomersFirst != null
                                && newcomersFirst == p.threadFirstPostId()) {
                            awards.earnedBy(p.authorId(), BadgeRule.WELCOME, "post:" + p.postId(), p.postId(),
                                    p.threadId());
                        }
                        trust.evaluate(p.authorId());
                        trust.evaluate(e.memberId());
                    }));
        });
    }

    @Singleton
    @Named("badges.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> answerAccepted() {
        return new Subscriber<>(ForumEvents.AnswerAccepted.class, "badges.answer-accepted", LANE, e -> {
            if (e.postId() == null) {
                return; // un-accepted: badges already earned stay
            }
            inTransaction(() -> posts.facts(e.postId()).ifPresent(p -> {
                if (ledger.count(p.authorId(), "answer:" + p.postId(), BadgeLedger.Counter.ACCEPTED_ANSWERS)) {
                    ledger.points(p.authorId(), today(), settings.cachedPoints().answer());
                    awards.reached(p.authorId(), BadgeRule.ACCEPTED_ANSWERS,
                            ledger.stats(p.authorId()).acceptedAnswers(), p.postId(), p.threadId());
                    awards.templates(p.authorId(), p.postId(), p.threadId());
                }
            }));
        });
    }

    @Singleton
    @Named("badges.member-signed-in")
    EventSubscriber<AccountEvents.MemberSignedIn> memberSignedIn() {
        return new Subscriber<>(AccountEvents.MemberSignedIn.class, "badges.member-signed-in", LANE,
                e -> inTransaction(() -> {
                    awards.reached(e.memberId(), BadgeRule.VISIT_DAYS, ledger.visit(e.memberId(), e.day()), null, null);
                    trust.evaluate(e.memberId());
                }));
    }

    @Singleton
    @Named("badges.profile-updated")
    EventSubscriber<AccountEvents.ProfileUpdated> profileUpdated(AccountService accounts) {
        return new Subscriber<>(AccountEvents.ProfileUpdated.class, "badges.profile-updated", LANE, e -> {
            Member member = accounts.byId(e.memberId());
            boolean complete = !member.bio().isBlank() && !member.displayName().equalsIgnoreCase(member.username());
            if (complete) {
                inTransaction(() -> awards.reached(e.memberId(), BadgeRule.PROFILE, 1, null, null));
            }
        });
    }

    @Singleton
    @Named("badges.event-attended")
    EventSubscriber<io.ruche.events.EventEvents.EventAttended> eventAttended(io.ruche.events.Events events) {
        return new Subscriber<>(io.ruche.events.EventEvents.EventAttended.class, "badges.event-attended", LANE,
                e -> inTransaction(() -> {
                    if (ledger.count(e.memberId(), "attended:" + e.eventId(), BadgeLedger.Counter.EVENTS_ATTENDED)) {
                        // The grant links to the event's discussion (what a reader may see of it).
                        Long thread = events.facts(e.eventId()).map(io.ruche.events.Events.Facts::threadId)
                                .orElse(null);
                        awards.reached(e.memberId(), BadgeRule.EVENTS_ATTENDED,
                                ledger.stats(e.memberId()).eventsAttended(), null, thread);
                        awards.templates(e.memberId(), null, thread);
                    }
                }));
    }

    @Singleton
    @Named("badges.guidelines-read")
    EventSubscriber<io.ruche.guidelines.GuidelinesEvents.GuidelinesRead> guidelinesRead() {
        return new Subscriber<>(io.ruche.guidelines.GuidelinesEvents.GuidelinesRead.class, "badges.guidelines-read",
                LANE, e -> inTransaction(() -> awards.reached(e.memberId(), BadgeRule.GUIDELINES, 1, null, null)));
    }

    @Singleton
    @Named("badges.flag-raised")
    EventSubscriber<ModerationEvents.FlagRaised> flagRaised() {
        return new Subscriber<>(ModerationEvents.FlagRaised.class, "badges.flag-raised", LANE,
                e -> inTransaction(() -> ledger.flagRaised(e.postId(), e.memberId())));
    }

    @Singleton
    @Named("badges.review-decided")
    EventSubscriber<ModerationEvents.ReviewDecided> reviewDecided() {
        return new Subscriber<>(ModerationEvents.ReviewDecided.class, "badges.review-decided", LANE, e -> {
            if (e.postId() == null) {
                return;
            }
            inTransaction(() -> {
                if (UPHELD.contains(e.action())) {
                    // The post's author had a flag upheld against them: level 3 asks for a clean record.
                    posts.facts(e.postId()).ifPresent(p -> {
                        ledger.flagAgainst(p.authorId(), p.postId(), today());
                        trust.evaluate(p.authorId());
                    });
                }
                for (long flagger : ledger.decided(e.postId())) {
                    if (UPHELD.contains(e.action())
                            && ledger.count(flagger, "upheld:" + e.postId(), BadgeLedger.Counter.FLAGS_UPHELD)) {
                        awards.reached(flagger, BadgeRule.FLAGS_UPHELD, ledger.stats(flagger).flagsUpheld(), null,
                                null);
                    }
                }
            });
        });
    }
}
