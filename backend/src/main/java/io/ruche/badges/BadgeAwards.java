package io.ruche.badges;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.forum.PostService;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Grants badges: each rule compares a member's number (or a post's likes) with the thresholds of the badges that
 * name it, and grants what is reached. A grant is a unique row, so evaluating twice grants once; a new grant is
 * announced as {@link BadgeEvents.BadgeGranted}.
 */
@Singleton
public class BadgeAwards {

    private static final Duration CATALOGUE_TTL = Duration.ofSeconds(30);

    private final BadgeRepository badges;
    private final BadgeLedger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final int likesPerGiverPerDay;
    private volatile List<Badge> catalogue;
    private volatile Instant catalogueAt = Instant.EPOCH;

    private final io.ruche.platform.Sql sql;
    private final io.micronaut.serde.ObjectMapper json;

    public BadgeAwards(BadgeRepository badges, BadgeLedger ledger, Outbox outbox, Clock clock,
                       io.ruche.platform.Sql sql, io.micronaut.serde.ObjectMapper json,
                       @Value("${ruche.badges.likes-per-giver-per-day:20}") int likesPerGiverPerDay) {
        this.sql = sql;
        this.json = json;
        this.badges = badges;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
        this.likesPerGiverPerDay = likesPerGiverPerDay;
    }

    /** The badges granted by a rule now (a short cache: every event asks, the catalogue rarely changes). */
    List<Badge> granting(BadgeRule rule) {
        return catalogue().stream().filter(b -> b.granting() && rule.name().equals(b.ruleKey())).toList();
    }

    /** Console-made badges granted now (enabled, not retired, with a template rule). */
    List<Badge> grantingTemplates() {
        return catalogue().stream().filter(b -> b.enabled() && !b.retired() && b.ruleJson() != null).toList();
    }

    private List<Badge> catalogue() {
        Instant now = clock.instant();
        List<Badge> known = catalogue;
        if (known == null || now.isAfter(catalogueAt.plus(CATALOGUE_TTL))) {
            known = badges.listOrdered();
            catalogue = known;
            catalogueAt = now;
        }
        return known;
    }

    /**
     * Console-made badges the member does not hold yet, checked after something that can move their conditions (a
     * post, a like received, an accepted answer): one indexed query per such badge, on that member only. Group
     * membership has no event; the nightly pass catches it up.
     */
    void templates(long memberId, @Nullable Long postId, @Nullable Long threadId) {
        for (Badge badge : grantingTemplates()) {
            if (badges.grantsOf(badge.id(), memberId) > 0) {
                continue;
            }
            BadgeTemplate.Sql where = template(badge).toSql();
            List<Object> params = new java.util.ArrayList<>();
            params.add(memberId);
            params.addAll(where.params());
            if (!sql.query("SELECT 1 FROM members m WHERE m.id = ? AND " + where.where(), params, rs -> 1).isEmpty()) {
                grant(badge, memberId, "once", postId, threadId, null, "");
            }
        }
    }

    BadgeTemplate template(Badge badge) {
        try {
            return json.readValue(badge.ruleJson(), BadgeTemplate.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Forgets the cached catalogue (a badge was created, enabled or changed on this node). */
    void catalogueChanged() {
        catalogue = null;
    }

    /** Grants every badge of a single-grant counter rule whose threshold the member's number has reached. */
    void reached(long memberId, BadgeRule rule, int value, @Nullable Long postId, @Nullable Long threadId) {
        for (Badge badge : granting(rule)) {
            if (!badge.multiple() && value >= badge.threshold()) {
                grant(badge, memberId, "once", postId, threadId, null, "");
            }
        }
    }

    /** A post's counted likes: reply badges for replies, thread badges for a thread's first post. */
    void postLiked(PostService.PostFacts post, int likes) {
        BadgeRule rule = post.isFirstPost() ? BadgeRule.THREAD_LIKES : BadgeRule.REPLY_LIKES;
        for (Badge badge : granting(rule)) {
            if (likes >= badge.threshold()) {
                grant(badge, post.authorId(), badge.multiple() ? "post:" + post.postId() : "once", post.postId(),
                        post.threadId(), null, "");
            }
        }
    }

    /** A badge earned by one thing (a post, a year): granted once for that thing. */
    void earnedBy(long memberId, BadgeRule rule, String key, @Nullable Long postId, @Nullable Long threadId) {
        for (Badge badge : granting(rule)) {
            grant(badge, memberId, badge.multiple() ? key : "once", postId, threadId, null, "");
        }
    }

    int likesPerGiverPerDay() {
        return likesPerGiverPerDay;
    }

    BadgeLedger ledger() {
        return ledger;
    }

    /** Grants (idempotently); true when this call created the grant. Runs in the caller's transaction. */
    @Transactional
    public boolean grant(Badge badge, long memberId, String key, @Nullable Long postId, @Nullable Long threadId,
                         @Nullable Long grantedBy, String reason) {
        return grant(badge, memberId, key, postId, threadId, grantedBy, reason, false);
    }

    /** {@code backfill}: earned by past activity, announced in one grouped notification. */
    @Transactional
    public boolean grant(Badge badge, long memberId, String key, @Nullable Long postId, @Nullable Long threadId,
                         @Nullable Long grantedBy, String reason, boolean backfill) {
        if (badges.grant(badge.id(), memberId, key, postId, threadId, clock.instant(), grantedBy, reason) == 0) {
            return false;
        }
        if (badges.grantsOf(badge.id(), memberId) == 1) {
            badges.countHolders(badge.id(), 1);
        }
        long grantId = badges.grantId(badge.id(), memberId, key).orElseThrow();
        outbox.publish(new BadgeEvents.BadgeGranted(grantId, badge.id(), memberId, backfill));
        return true;
    }
}
