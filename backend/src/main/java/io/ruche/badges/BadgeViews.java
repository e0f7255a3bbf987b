package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Response bodies of the badges API. Names and descriptions come in both languages; the page picks its own. */
public final class BadgeViews {

    private BadgeViews() {
    }

    @Serdeable
    public record Text(String en, String fr) {
    }

    /** A badge as the catalogue shows it; {@code earned} is how many times the reader holds it. */
    @Serdeable
    public record BadgeView(long id, String slug, Text name, Text description, String icon, String tier,
                            String group, boolean multiple, boolean retired, boolean enabled, boolean allowTitle,
                            @Nullable String rule, int threshold, int holders, int earned) {

        static BadgeView of(Badge b, int earned) {
            return new BadgeView(b.id(), b.slug(), new Text(b.nameEn(), b.nameFr()),
                    new Text(b.descriptionEn(), b.descriptionFr()), b.icon(), b.tier(), b.badgeGroup(), b.multiple(),
                    b.retired(), b.enabled(), b.allowTitle(), b.ruleKey(), b.threshold(), b.holderCount(), earned);
        }
    }

    /** What earned a grant: a link to the post, shown only to readers who may open its thread. */
    @Serdeable
    public record EarnedBy(long threadId, String threadTitle, String url) {
    }

    @Serdeable
    public record Holder(long grantId, String username, String displayName, String avatarUrl, Instant grantedAt,
                         @Nullable EarnedBy earnedBy) {
    }

    @Serdeable
    public record HolderPage(BadgeView badge, List<Holder> items, @Nullable Long next) {
    }

    /** One grant on a member's profile. */
    @Serdeable
    public record MemberBadge(long grantId, BadgeView badge, Instant grantedAt, @Nullable EarnedBy earnedBy) {
    }

    /** One line of the leaderboard. */
    @Serdeable
    public record Leader(int rank, String username, String displayName, String avatarUrl, long points) {
    }

    /** How far the reader is from a badge they do not hold yet ("7 / 10 accepted answers"). */
    @Serdeable
    public record Progress(BadgeView badge, int current, int target) {
    }

    /** A member whose likes received rose far faster than usual this week: for the community manager to look at. */
    @Serdeable
    public record Jump(String username, String displayName, long thisWeek, double usualPerWeek) {
    }

    /** The title a member shows next to their name: a badge's name in both languages. */
    @Serdeable
    public record Title(String username, long badgeId, Text name, String tier) {
    }

    @Serdeable
    public record ChooseTitle(@Nullable Long badgeId) {
    }
}
