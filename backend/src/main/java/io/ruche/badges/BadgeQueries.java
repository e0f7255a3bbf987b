package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.forum.CategoryAccess;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The badge pages: the catalogue, a badge's holders, a member's badges. A grant's "earned by" link names a thread
 * only to readers who may see its category; disabled badges exist for staff only.
 */
@Singleton
public class BadgeQueries {

    private static final String GRANT_COLUMNS = "g.id, g.badge_id, g.granted_at, g.thread_id, t.title, t.slug, "
            + "t.category_id, p.position, m.username, m.display_name ";
    private static final String GRANT_JOINS = "FROM badge_grants g JOIN members m ON m.id = g.member_id "
            + "LEFT JOIN threads t ON t.id = g.thread_id LEFT JOIN posts p ON p.id = g.post_id ";

    private final BadgeRepository badges;
    private final CategoryAccess access;
    private final Sql sql;

    public BadgeQueries(BadgeRepository badges, CategoryAccess access, Sql sql) {
        this.badges = badges;
        this.access = access;
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<BadgeViews.BadgeView> catalogue(Viewer viewer) {
        Map<Long, Integer> mine = new HashMap<>();
        if (viewer.isMember()) {
            sql.query("SELECT badge_id, COUNT(*) FROM badge_grants WHERE member_id = ? GROUP BY badge_id",
                    List.of(viewer.memberId()), rs -> mine.put(rs.getLong(1), rs.getInt(2)));
        }
        return badges.listOrdered().stream().filter(b -> shown(viewer, b))
                .map(b -> BadgeViews.BadgeView.of(b, mine.getOrDefault(b.id(), 0))).toList();
    }

    @Transactional(readOnly = true)
    public BadgeViews.HolderPage holders(Viewer viewer, long badgeId, @Nullable Long before, int limit) {
        Badge badge = require(viewer, badgeId);
        int size = Math.max(1, Math.min(limit, 100));
        Set<Long> visible = Set.copyOf(access.catalog(viewer).visibleIds());
        List<Row> rows = sql.query("SELECT " + GRANT_COLUMNS + GRANT_JOINS + "WHERE g.badge_id = ? AND g.id < ? "
                + "ORDER BY g.id DESC LIMIT " + (size + 1), List.of(badgeId, before == null ? Long.MAX_VALUE : before),
                BadgeQueries::row);
        boolean more = rows.size() > size;
        List<Row> shown = more ? rows.subList(0, size) : rows;
        int earned = viewer.isMember() ? (int) badges.grantsOf(badgeId, viewer.memberId()) : 0;
        return new BadgeViews.HolderPage(BadgeViews.BadgeView.of(badge, earned), shown.stream()
                .map(r -> new BadgeViews.Holder(r.grantId(), r.username(), r.displayName(),
                        io.ruche.accounts.AccountViews.avatarPath(r.username()), r.grantedAt(), r.earnedBy(visible)))
                .toList(), more ? shown.get(shown.size() - 1).grantId() : null);
    }

    @Transactional(readOnly = true)
    public List<BadgeViews.MemberBadge> ofMember(Viewer viewer, long memberId) {
        Set<Long> visible = Set.copyOf(access.catalog(viewer).visibleIds());
        Map<Long, Badge> byId = new HashMap<>();
        badges.listOrdered().forEach(b -> byId.put(b.id(), b));
        Map<Long, Integer> counts = new HashMap<>();
        List<Row> rows = sql.query("SELECT " + GRANT_COLUMNS + GRANT_JOINS + "WHERE g.member_id = ? "
                + "ORDER BY g.granted_at DESC, g.id DESC LIMIT 500", List.of(memberId), BadgeQueries::row);
        rows.forEach(r -> counts.merge(r.badgeId(), 1, Integer::sum));
        List<BadgeViews.MemberBadge> result = new ArrayList<>();
        for (Row r : rows) {
            Badge badge = byId.get(r.badgeId());
            if (badge != null && (badge.enabled() || badge.retired() || viewer.isStaff())) {
                result.add(new BadgeViews.MemberBadge(r.grantId(), BadgeViews.BadgeView.of(badge,
                        counts.get(r.badgeId())), r.grantedAt(), r.earnedBy(visible)));
            }
        }
        return result;
    }

    /** What a grant is, for whoever announces it (notifications). */
    public record GrantFacts(long grantId, long memberId, long badgeId, String nameEn, String nameFr,
                             @Nullable Long threadId, @Nullable Long postId) {
        public String name(java.util.Locale locale) {
            return "fr".equals(locale.getLanguage()) ? nameFr : nameEn;
        }
    }

    @Transactional(readOnly = true)
    public java.util.Optional<GrantFacts> grant(long grantId) {
        return sql.query("SELECT g.id, g.member_id, b.id, b.name_en, b.name_fr, g.thread_id, g.post_id "
                        + "FROM badge_grants g JOIN badges b ON b.id = g.badge_id WHERE g.id = ?", List.of(grantId),
                rs -> new GrantFacts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        Sql.nullableLong(rs, "thread_id"), Sql.nullableLong(rs, "post_id"))).stream().findFirst();
    }

    /** A badge's names, for a notification about it. */
    @Transactional(readOnly = true)
    public java.util.Optional<BadgeViews.Text> names(long badgeId) {
        return badges.findById(badgeId).map(b -> new BadgeViews.Text(b.nameEn(), b.nameFr()));
    }

    /** The period's leaders: points from posts, likes received and accepted answers, staff left out by default. */
    @Transactional(readOnly = true)
    public List<BadgeViews.Leader> leaderboard(String period, boolean staffOnBoard, java.time.LocalDate today) {
        int days = switch (period) {
            case "week" -> 7;
            case "month" -> 30;
            case "year" -> 365;
            default -> throw Problems.invalidField("period", "validation.period");
        };
        List<BadgeViews.Leader> leaders = new ArrayList<>();
        sql.query("SELECT m.username, m.display_name, SUM(p.points) AS total FROM badge_points p "
                        + "JOIN members m ON m.id = p.member_id WHERE p.day > ? "
                        + (staffOnBoard ? "" : "AND m.role = 'MEMBER' ")
                        + "GROUP BY p.member_id, m.username, m.display_name ORDER BY total DESC, p.member_id LIMIT 20",
                List.of(today.minusDays(days)), rs -> leaders.add(new BadgeViews.Leader(leaders.size() + 1,
                        rs.getString(1), rs.getString(2), io.ruche.accounts.AccountViews.avatarPath(rs.getString(1)),
                        rs.getLong(3))));
        return leaders;
    }

    /**
     * Members whose likes received this week are at least ten times their usual week (the twelve weeks before) and
     * at least ten: a campaign, a viral post, or accounts liking each other, for a person to look at.
     */
    @Transactional(readOnly = true)
    public List<BadgeViews.Jump> jumps(java.time.Instant now) {
        java.time.Instant weekAgo = now.minus(java.time.Duration.ofDays(7));
        java.time.Instant since = weekAgo.minus(java.time.Duration.ofDays(84));
        return sql.query("SELECT m.username, m.display_name, j.this_week, j.before_weeks / 12 FROM (SELECT receiver_id, "
                        + "SUM(created_at >= ?) AS this_week, SUM(created_at < ?) AS before_weeks FROM badge_post_likes "
                        + "WHERE created_at >= ? GROUP BY receiver_id) j JOIN members m ON m.id = j.receiver_id "
                        + "WHERE j.this_week >= 10 AND j.this_week >= 10 * GREATEST(j.before_weeks / 12, 1) "
                        + "ORDER BY j.this_week DESC LIMIT 50", List.of(weekAgo, weekAgo, since),
                rs -> new BadgeViews.Jump(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
    }

    /** The titles of some members (a thread page's authors): one query. */
    @Transactional(readOnly = true)
    public List<BadgeViews.Title> titles(List<String> usernames) {
        List<String> names = usernames.stream().filter(u -> u != null && !u.isBlank()).distinct().limit(100).toList();
        if (names.isEmpty()) {
            return List.of();
        }
        return sql.query("SELECT m.username, b.id, b.name_en, b.name_fr, b.tier FROM badge_titles t "
                        + "JOIN members m ON m.id = t.member_id JOIN badges b ON b.id = t.badge_id "
                        + "WHERE b.allow_title AND m.username IN (" + Sql.placeholders(names.size()) + ")",
                new ArrayList<>(names), rs -> new BadgeViews.Title(rs.getString(1), rs.getLong(2),
                        new BadgeViews.Text(rs.getString(3), rs.getString(4)), rs.getString(5)));
    }

    /** A member shows a badge they hold (one that allows it) as their title, or none. */
    @Transactional
    public void chooseTitle(long memberId, @Nullable Long badgeId) {
        if (badgeId == null) {
            sql.update("DELETE FROM badge_titles WHERE member_id = ?", List.of(memberId));
            return;
        }
        Badge badge = badges.findById(badgeId).filter(Badge::allowTitle)
                .orElseThrow(() -> Problems.invalidField("badgeId", "validation.title.notAllowed"));
        if (badges.grantsOf(badge.id(), memberId) == 0) {
            throw Problems.invalidField("badgeId", "validation.title.notHeld");
        }
        sql.update("INSERT INTO badge_titles (member_id, badge_id) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE badge_id = VALUES(badge_id)", List.of(memberId, badgeId));
    }

    /** The next badge of each counted rule the member does not hold yet, with where they stand. */
    @Transactional(readOnly = true)
    public List<BadgeViews.Progress> progress(long memberId, BadgeLedger ledger, java.time.LocalDate today) {
        BadgeLedger.Stats stats = ledger.stats(memberId);
        Set<Long> held = Set.copyOf(sql.query("SELECT DISTINCT badge_id FROM badge_grants WHERE member_id = ?",
                List.of(memberId), rs -> rs.getLong(1)));
        int visits = sql.query("SELECT COUNT(*) FROM badge_visit_days WHERE member_id = ? AND day > ?",
                List.of(memberId, today.minusDays(100)), rs -> rs.getInt(1)).get(0);
        Map<String, Integer> current = Map.of(
                BadgeRule.EVENTS_ATTENDED.name(), stats.eventsAttended(),
                BadgeRule.POSTS.name(), stats.posts(),
                BadgeRule.ACCEPTED_ANSWERS.name(), stats.acceptedAnswers(),
                BadgeRule.LIKERS.name(), stats.likers(),
                BadgeRule.THREADS_ANSWERED.name(), stats.threadsAnswered(),
                BadgeRule.FLAGS_UPHELD.name(), stats.flagsUpheld(),
                BadgeRule.VISIT_DAYS.name(), visits);
        Map<String, Badge> next = new java.util.LinkedHashMap<>();
        for (Badge b : badges.listOrdered()) {
            if (b.granting() && !b.multiple() && current.containsKey(b.ruleKey()) && !held.contains(b.id())) {
                next.merge(b.ruleKey(), b, (x, y) -> x.threshold() <= y.threshold() ? x : y);
            }
        }
        return next.values().stream().map(b -> new BadgeViews.Progress(BadgeViews.BadgeView.of(b, 0),
                Math.min(current.get(b.ruleKey()), b.threshold()), b.threshold()))
                .sorted(java.util.Comparator.comparingDouble(p -> -(double) p.current() / p.target())).toList();
    }

    private Badge require(Viewer viewer, long badgeId) {
        return badges.findById(badgeId).filter(b -> shown(viewer, b)).orElseThrow(() -> Problems.notFound("badge"));
    }

    /** A disabled badge (being prepared, or waiting for its feature) is visible to staff only. */
    private static boolean shown(Viewer viewer, Badge badge) {
        return badge.enabled() || viewer.isStaff();
    }

    private record Row(long grantId, long badgeId, java.time.Instant grantedAt, @Nullable Long threadId,
                       @Nullable String title, @Nullable String slug, @Nullable Long categoryId,
                       @Nullable Integer position, String username, String displayName) {

        @Nullable
        BadgeViews.EarnedBy earnedBy(Set<Long> visibleCategories) {
            if (threadId == null || title == null || categoryId == null || !visibleCategories.contains(categoryId)) {
                return null;
            }
            String url = "/t/" + threadId + "/" + slug + (position == null ? "" : "#post-" + position);
            return new BadgeViews.EarnedBy(threadId, title, url);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), Sql.instant(rs, 3), Sql.nullableLong(rs, "thread_id"),
                rs.getString(5), rs.getString(6), Sql.nullableLong(rs, "category_id"),
                rs.getObject(8) == null ? null : rs.getInt(8), rs.getString(9), rs.getString(10));
    }
}
