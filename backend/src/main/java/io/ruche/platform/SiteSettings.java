package io.ruche.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The forum's settings row: identity, registration, anti-spam thresholds and crisis mode. Read on every post. */
@Singleton
public class SiteSettings {

    private final Sql sql;
    private final Clock clock;

    public SiteSettings(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Serdeable
    public record Settings(String name, String description, String registration, String languages,
                           int flagThreshold, int trustedAfterPosts, int newMemberApproval, int newMemberMaxLinks,
                           int newMemberMaxImages, boolean approveFirstLink, int flagsPerHour,
                           @Nullable String timeZone, @Nullable Boolean moderatorsSeeAnalytics,
                           @Nullable Integer analyticsRetentionDays, @Nullable String deletedMemberPosts,
                           @Nullable String nameFr, @Nullable String nameEn, @Nullable String descriptionFr,
                           @Nullable String descriptionEn) {

        /** The site's name for a reader of {@code language}: theirs if written, else the plain one. */
        public String nameIn(@Nullable String language) {
            String own = "fr".equals(language) ? nameFr : "en".equals(language) ? nameEn : null;
            return own != null && !own.isBlank() ? own : name;
        }

        public String descriptionIn(@Nullable String language) {
            String own = "fr".equals(language) ? descriptionFr : "en".equals(language) ? descriptionEn : null;
            return own != null && !own.isBlank() ? own : description;
        }
    }

    @Serdeable
    public record Crisis(boolean on, String message, List<Long> categoryIds, int slowSeconds,
                         @Nullable String by, @Nullable Instant since) {
        /** Whether crisis rules apply in this category. */
        public boolean covers(long categoryId) {
            return on && (categoryIds.isEmpty() || categoryIds.contains(categoryId));
        }
    }

    @Transactional(readOnly = true)
    public Settings settings() {
        return sql.query("SELECT name, description, registration, languages, flag_threshold, trusted_after_posts, "
                + "new_member_approval, new_member_max_links, new_member_max_images, approve_first_link, "
                + "flags_per_hour, time_zone, moderators_see_analytics, analytics_retention_days, deleted_member_posts, "
                + "name_fr, name_en, description_fr, description_en FROM site_settings "
                + "WHERE id = 1", List.of(), rs -> new Settings(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                rs.getInt(8), rs.getInt(9), rs.getBoolean(10), rs.getInt(11), rs.getString(12), rs.getBoolean(13),
                rs.getInt(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18),
                rs.getString(19))).get(0);
    }

    @Transactional
    public Settings save(Settings s) {
        if (s.registration() == null || !Set.of("OPEN", "CLOSED", "INVITE").contains(s.registration())) {
            throw Problems.invalidField("registration", "validation.registration");
        }
        if (s.languages() == null) {
            throw Problems.invalidField("languages", "validation.languages");
        }
        Set<String> languages = Arrays.stream(s.languages().split(",")).map(String::strip)
                .filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        if (languages.isEmpty() || !Set.of("fr", "en").containsAll(languages)) {
            throw Problems.invalidField("languages", "validation.languages");
        }
        if ((s.name() != null && s.name().length() > 80) || (s.description() != null && s.description().length() > 500)) {
            throw Problems.invalidField("name", "validation.size");
        }
        if (s.flagThreshold() < 1 || s.trustedAfterPosts() < 0 || s.newMemberApproval() < 0
                || s.newMemberMaxLinks() < 0 || s.newMemberMaxImages() < 0 || s.flagsPerHour() < 1) {
            throw Problems.invalidField("flagThreshold", "validation.positive");
        }
        Settings current = settings();
        String zone = s.timeZone() == null || s.timeZone().isBlank() ? current.timeZone() : s.timeZone().strip();
        try {
            java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw Problems.invalidField("timeZone", "validation.zone");
        }
        int retention = s.analyticsRetentionDays() == null ? current.analyticsRetentionDays()
                : s.analyticsRetentionDays();
        if (retention < 30 || retention > 3650) {
            throw Problems.invalidField("analyticsRetentionDays", "validation.retention");
        }
        String posts = s.deletedMemberPosts() == null ? current.deletedMemberPosts() : s.deletedMemberPosts();
        if (!Set.of("KEEP", "REMOVE").contains(posts)) {
            throw Problems.invalidField("deletedMemberPosts", "validation.deletedMemberPosts");
        }
        sql.update("UPDATE site_settings SET time_zone = ?, analytics_retention_days = ?, moderators_see_analytics = ?, "
                        + "deleted_member_posts = ? WHERE id = 1", List.of(zone, retention,
                s.moderatorsSeeAnalytics() == null ? current.moderatorsSeeAnalytics() : s.moderatorsSeeAnalytics(),
                posts));
        for (String text : java.util.Arrays.asList(s.nameFr(), s.nameEn())) {
            if (text != null && text.length() > 80) {
                throw Problems.invalidField("name", "validation.size");
            }
        }
        for (String text : java.util.Arrays.asList(s.descriptionFr(), s.descriptionEn())) {
            if (text != null && text.length() > 500) {
                throw Problems.invalidField("description", "validation.size");
            }
        }
        sql.update("UPDATE site_settings SET name_fr = ?, name_en = ?, description_fr = ?, description_en = ? "
                + "WHERE id = 1", List.of(orCurrent(s.nameFr(), current.nameFr()), orCurrent(s.nameEn(), current.nameEn()),
                orCurrent(s.descriptionFr(), current.descriptionFr()), orCurrent(s.descriptionEn(), current.descriptionEn())));
        sql.update("UPDATE site_settings SET name = ?, description = ?, registration = ?, languages = ?, "
                        + "flag_threshold = ?, trusted_after_posts = ?, new_member_approval = ?, new_member_max_links = ?, "
                        + "new_member_max_images = ?, approve_first_link = ?, flags_per_hour = ? WHERE id = 1",
                List.of(s.name() == null ? "" : s.name().strip(), s.description() == null ? "" : s.description().strip(),
                        s.registration(),
                        String.join(",", languages.stream().sorted().toList()), s.flagThreshold(),
                        s.trustedAfterPosts(), s.newMemberApproval(), s.newMemberMaxLinks(), s.newMemberMaxImages(),
                        s.approveFirstLink(), s.flagsPerHour()));
        return settings();
    }

    /** KEEP: a deleted member's posts stay, under "deleted member"; REMOVE: their text is erased. */
    @Transactional(readOnly = true)
    public String deletedMemberPosts() {
        return settings().deletedMemberPosts();
    }

    @Transactional(readOnly = true)
    public Crisis crisis() {
        return sql.query("SELECT s.crisis_on, s.crisis_message, s.crisis_categories, s.crisis_slow_seconds, "
                        + "m.username, s.crisis_at FROM site_settings s LEFT JOIN members m ON m.id = s.crisis_by "
                        + "WHERE s.id = 1", List.of(),
                rs -> new Crisis(rs.getBoolean(1), rs.getString(2), ids(rs.getString(3)), rs.getInt(4),
                        rs.getString(5), Sql.instant(rs, 6))).get(0);
    }

    /** Turns crisis mode on or off; who and when are recorded on the row and in the audit log by the caller. */
    @Transactional
    public Crisis setCrisis(long actorId, boolean on, String message, List<Long> categoryIds, int slowSeconds) {
        if (slowSeconds < 0 || slowSeconds > 86_400) {
            throw Problems.invalidField("slowSeconds", "validation.slowMode");
        }
        sql.update("UPDATE site_settings SET crisis_on = ?, crisis_message = ?, crisis_categories = ?, "
                        + "crisis_slow_seconds = ?, crisis_by = ?, crisis_at = ? WHERE id = 1",
                List.of(on, message.strip(), categoryIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        slowSeconds, actorId, clock.instant()));
        return crisis();
    }

    private static String orCurrent(@Nullable String given, @Nullable String current) {
        return given != null ? given.strip() : current == null ? "" : current;
    }

    private static List<Long> ids(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
    }
}
