package io.ruche.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of package-by-feature, checked on the compiled classes: no cycle between feature packages (a new
 * capability listens through domain events and ports, never by making two features call each other), a feature
 * uses only its own repositories and writes only its own tables (another's data goes through that feature's
 * services), and controllers speak
 * HTTP only (no repository).
 */
class FeatureBoundariesTest {

    private static final List<String> FEATURES = List.of("accounts", "forum", "content", "search", "notifications",
            "live", "mail", "moderation", "themes", "badges", "guidelines", "events", "analytics", "widgets", "pages", "messages",
            "uploads", "integrations", "sso",
            "platform");

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ruche");

    @Test
    void theRulesSeeTheWholeApplication() {
        org.junit.jupiter.api.Assertions.assertTrue(APP.size() > 150, "classes imported: " + APP.size());
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ruche.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void eachFeatureUsesOnlyItsOwnRepositories() {
        for (String feature : FEATURES) {
            classes().that().resideInAPackage("io.ruche." + feature + "..")
                    .and().areAnnotatedWith(JdbcRepository.class)
                    .should().onlyBeAccessed().byAnyPackage("io.ruche." + feature + "..")
                    .allowEmptyShould(true)
                    .check(APP);
        }
    }

    @Test
    void controllersUseNoRepository() {
        noClasses().that().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().areAssignableTo(GenericRepository.class)
                .check(APP);
    }

    /** Who owns each table: only the owner writes it; other features go through the owner's services. */
    private static final Map<String, List<String>> TABLES = Map.ofEntries(
            Map.entry("accounts", List.of("members", "sessions", "member_groups", "group_memberships",
                    "account_tokens", "sign_in_throttle", "data_exports", "member_blocks", "sso_settings")),
            Map.entry("sso", List.of("oidc_providers", "member_identities", "oidc_flows", "oidc_link_requests")),
            Map.entry("forum", List.of("categories", "category_follows", "category_group_rights", "forum_settings",
                    "mentions", "post_revisions", "posts", "reaction_counts", "reactions", "tags", "thread_follows",
                    "thread_reads", "thread_tags", "threads", "thread_notes", "thread_redirects", "idea_votes",
                    "idea_voters", "bookmarks")),
            Map.entry("moderation", List.of("audit_log", "bans", "canned_replies", "flags", "invites", "queued_posts",
                    "review_items", "sanctions", "staff_notes", "watched_words")),
            Map.entry("notifications", List.of("notifications", "notification_deliveries",
                    "notification_preferences")),
            Map.entry("live", List.of("live_events")),
            Map.entry("mail", List.of("mails")),
            Map.entry("search", List.of("search_reindex")),
            Map.entry("badges", List.of("badges", "badge_grants", "badge_member_stats", "badge_likers",
                    "badge_like_days", "badge_visit_days", "badge_flags", "badge_facts", "badge_post_likes",
                    "badge_backfills", "badge_points", "badge_settings", "badge_flags_against", "trust_settings",
                    "badge_titles")),
            Map.entry("guidelines", List.of("guidelines", "guidelines_reads")),
            Map.entry("events", List.of("events", "event_series", "event_groups", "event_hosts", "event_questions",
                    "event_registrations", "event_mails", "event_feed_tokens")),
            Map.entry("analytics", List.of("analytics_facts", "analytics_members", "analytics_daily", "analytics_days",
                    "analytics_threads", "analytics_cohorts", "analytics_flag_reviews", "analytics_reach_outs", "analytics_referrers",
                    "analytics_report_recipients", "analytics_reports_sent")),
            Map.entry("widgets", List.of("widget_origins", "widget_versions", "testimonials")),
            Map.entry("themes", List.of("theme_settings", "theme_assets")),
            Map.entry("pages", List.of("crawl_settings")),
            Map.entry("uploads", List.of("uploads", "upload_settings")),
            Map.entry("integrations", List.of("api_keys", "webhooks", "webhook_deliveries")),
            Map.entry("messages", List.of("conversations", "conversation_participants", "messages", "message_flags")),
            Map.entry("platform", List.of("app_secrets", "jobs", "rate_limit_buckets", "site_settings")));

    private static final Pattern WRITE = Pattern.compile(
            "(?<!KEY )\\b(?:UPDATE|INSERT (?:IGNORE )?INTO|DELETE FROM|REPLACE INTO) +([a-z_]+)\\b");

    @Test
    void eachFeatureWritesOnlyItsOwnTables() throws IOException {
        Path root = Path.of("src/main/java/io/ruche");
        List<String> trespasses = new ArrayList<>();
        int writes = 0;
        for (String feature : FEATURES) {
            Path dir = root.resolve(feature);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = WRITE.matcher(Files.readString(file));
                    while (m.find()) {
                        writes++;
                        String table = m.group(1);
                        if (!TABLES.getOrDefault(feature, List.of()).contains(table)) {
                            String owner = TABLES.entrySet().stream().filter(e -> e.getValue().contains(table))
                                    .map(Map.Entry::getKey).findFirst().orElse("nobody (add it to TABLES)");
                            trespasses.add(root.relativize(file) + " writes " + table + ", owned by " + owner);
                        }
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(writes > 50, "writes found: " + writes);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), trespasses);
    }
}
