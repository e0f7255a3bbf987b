package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.Problems;

import java.util.ArrayList;
import java.util.List;

/**
 * A console-made badge's rule, without SQL: conditions from a fixed set of templates, all of which must hold (AND).
 * It turns into one SQL condition on a member row {@code m}, with its parameters, for the dry run and the backfill.
 */
@Serdeable
public record BadgeTemplate(List<Condition> conditions) {

    /** The templates a condition can use. */
    public enum Kind {
        /** At least {@code n} posts in category {@code categoryId}. */
        POSTS_IN_CATEGORY,
        /** At least {@code n} accepted answers in category {@code categoryId}. */
        ACCEPTED_IN_CATEGORY,
        /** Liked by at least {@code n} distinct members. */
        LIKERS,
        /** A member of group {@code groupId}. */
        GROUP_MEMBER,
        /** At least {@code n} posts anywhere. */
        POSTS,
        /** Attended at least {@code n} events. */
        ATTENDED_EVENTS
    }

    @Serdeable
    public record Condition(Kind kind, int n, @Nullable Long categoryId, @Nullable Long groupId) {
    }

    /** SQL and parameters: a condition on {@code m} (members). */
    public record Sql(String where, List<Object> params) {
    }

    public static final int MAX_CONDITIONS = 5;

    /** Refuses a rule a person could not have meant (no condition, a missing category, a negative count). */
    public BadgeTemplate validated() {
        if (conditions == null || conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) {
            throw Problems.invalidField("rule", "validation.badgeRule.conditions");
        }
        for (Condition c : conditions) {
            if (c == null || c.kind() == null) {
                throw Problems.invalidField("rule", "validation.badgeRule.kind");
            }
            boolean needsCategory = c.kind() == Kind.POSTS_IN_CATEGORY || c.kind() == Kind.ACCEPTED_IN_CATEGORY;
            if (needsCategory && c.categoryId() == null) {
                throw Problems.invalidField("rule", "validation.badgeRule.category");
            }
            if (c.kind() == Kind.GROUP_MEMBER && c.groupId() == null) {
                throw Problems.invalidField("rule", "validation.badgeRule.group");
            }
            if (c.kind() != Kind.GROUP_MEMBER && (c.n() < 1 || c.n() > 1_000_000)) {
                throw Problems.invalidField("rule", "validation.badgeRule.count");
            }
        }
        return this;
    }

    public Sql toSql() {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Condition c : conditions) {
            switch (c.kind()) {
                case POSTS_IN_CATEGORY -> {
                    parts.add("(SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = m.id "
                            + "AND t.category_id = ? AND p.deleted_at IS NULL) >= ?");
                    params.add(c.categoryId());
                    params.add(c.n());
                }
                case ACCEPTED_IN_CATEGORY -> {
                    parts.add("(SELECT COUNT(*) FROM threads t JOIN posts p ON p.id = t.accepted_post_id "
                            + "WHERE p.author_id = m.id AND t.category_id = ?) >= ?");
                    params.add(c.categoryId());
                    params.add(c.n());
                }
                case LIKERS -> {
                    parts.add("COALESCE((SELECT s.likers FROM badge_member_stats s WHERE s.member_id = m.id), 0) >= ?");
                    params.add(c.n());
                }
                case GROUP_MEMBER -> {
                    parts.add("EXISTS (SELECT 1 FROM group_memberships g WHERE g.member_id = m.id AND g.group_id = ?)");
                    params.add(c.groupId());
                }
                case POSTS -> {
                    parts.add("(SELECT COUNT(*) FROM posts p WHERE p.author_id = m.id AND p.deleted_at IS NULL) >= ?");
                    params.add(c.n());
                }
                case ATTENDED_EVENTS -> {
                    parts.add("COALESCE((SELECT s.events_attended FROM badge_member_stats s WHERE s.member_id = m.id), 0) "
                            + ">= ?");
                    params.add(c.n());
                }
            }
        }
        return new Sql(String.join(" AND ", parts), params);
    }
}
