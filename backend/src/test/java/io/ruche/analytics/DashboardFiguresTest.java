package io.ruche.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.MovableClock;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's figures on a seeded community, across the spring DST change of the site's zone (Europe/Paris,
 * 28 March 2027), with the application's clock moved there. The expected figures are computed here, in Java, from the
 * facts the test lays down (days by {@link ZoneId} rules), never by the rollups' SQL: DAU, WAU, MAU, stickiness, new
 * contributors, threads and replies, per category and per group, the period before; then a late fact recomputes only
 * its day, today is refreshed until it closes, the CSV says what the screen says, and the purge of raw facts keeps
 * the figures.
 */
@MicronautTest(transactional = false)
class DashboardFiguresTest extends IntegrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate FROM = LocalDate.of(2027, 3, 22);
    private static final LocalDate TO = LocalDate.of(2027, 4, 4);

    @Inject
    MovableClock clock;

    @Inject
    ActivityFacts facts;

    @Inject
    Rollups rollups;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.test.movable-clock", "true");
        return properties;
    }

    @AfterAll
    void dropFutureJobs() {
        TestDatabase.execute("DELETE FROM jobs WHERE run_at > DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 HOUR) "
                + "OR created_at > DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 HOUR)");
    }

    /** What the test laid down. */
    private record Fact(long member, ActivityFacts.Kind kind, Instant at, Long category) {
        LocalDate day() {
            return at.atZone(PARIS).toLocalDate();
        }
    }

    private final List<Fact> laid = new ArrayList<>();
    private int sequence;

    private void lay(long member, ActivityFacts.Kind kind, Instant at, Long category) {
        assertTrue(facts.record(kind, "dst-test:" + (++sequence), member, category, null, at));
        if (kind == ActivityFacts.Kind.THREAD || kind == ActivityFacts.Kind.REPLY) {
            facts.firstSteps(member, null, at);
        }
        laid.add(new Fact(member, kind, at, category));
    }

    private static long id(Api api) {
        return ((Number) api.get("/api/v1/session").at("member.id")).longValue();
    }

    // ---- the independent computation ----

    private long distinct(LocalDate from, LocalDate to, Predicate<Fact> which) {
        Set<Long> members = new HashSet<>();
        for (Fact f : laid) {
            if (!f.day().isBefore(from) && !f.day().isAfter(to) && which.test(f)) {
                members.add(f.member());
            }
        }
        return members.size();
    }

    private long count(LocalDate day, ActivityFacts.Kind kind, Predicate<Fact> which) {
        return laid.stream().filter(f -> f.kind() == kind && f.day().equals(day) && which.test(f)).count();
    }

    private long newContributors(LocalDate day, Predicate<Fact> which) {
        Map<Long, Instant> first = new HashMap<>();
        for (Fact f : laid) {
            if ((f.kind() == ActivityFacts.Kind.THREAD || f.kind() == ActivityFacts.Kind.REPLY) && which.test(f)) {
                first.merge(f.member(), f.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first.values().stream().filter(at -> at.atZone(PARIS).toLocalDate().equals(day)).count();
    }

    /** The expected daily value of a metric, for the facts {@code which} lets in. */
    private long expected(String metric, LocalDate d, Predicate<Fact> which) {
        return switch (metric) {
            case "ACTIVE_MEMBERS" -> distinct(d, d, which);
            case "ACTIVE_7D" -> distinct(d.minusDays(6), d, which);
            case "ACTIVE_28D" -> distinct(d.minusDays(27), d, which);
            case "NEW_CONTRIBUTORS" -> newContributors(d, which);
            case "THREADS" -> count(d, ActivityFacts.Kind.THREAD, which);
            case "REPLIES" -> count(d, ActivityFacts.Kind.REPLY, which);
            case "REACTIONS" -> count(d, ActivityFacts.Kind.REACTION, which);
            default -> throw new IllegalArgumentException(metric);
        };
    }

    private long expectedPeriod(String metric, LocalDate from, LocalDate to, Predicate<Fact> which) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        long sum = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            sum += expected(metric.equals("STICKINESS") ? "ACTIVE_MEMBERS" : metric, d, which);
        }
        return switch (metric) {
            case "ACTIVE_7D", "ACTIVE_28D" -> expected(metric, to, which);
            case "ACTIVE_MEMBERS" -> Math.round(sum / (double) days);
            case "STICKINESS" -> {
                long mau = expected("ACTIVE_28D", to, which);
                yield mau == 0 ? 0 : Math.round(1000 * (sum / (double) days) / mau);
            }
            default -> sum;
        };
    }

    private static Map<?, ?> figure(Api.Response overview, String metric) {
        return ((List<?>) overview.at("figures")).stream().map(f -> (Map<?, ?>) f)
                .filter(f -> metric.equals(f.get("metric"))).findFirst().orElseThrow();
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private void assertFigures(Api.Response overview, List<String> metrics, Predicate<Fact> which, String what) {
        LocalDate previousFrom = FROM.minusDays(14);
        for (String metric : metrics) {
            Map<?, ?> f = figure(overview, metric);
            assertEquals(expectedPeriod(metric, FROM, TO, which), number(f.get("value")), what + " " + metric);
            assertEquals(expectedPeriod(metric, previousFrom, FROM.minusDays(1), which), number(f.get("previous")),
                    what + " " + metric + ", period before");
            List<?> series = (List<?>) f.get("series");
            for (Object p : series) {
                Map<?, ?> point = (Map<?, ?>) p;
                LocalDate day = LocalDate.parse((String) point.get("day"));
                long want = metric.equals("STICKINESS")
                        ? Dashboard.permille(expected("ACTIVE_MEMBERS", day, which), expected("ACTIVE_28D", day, which))
                        : expected(metric, day, which);
                assertEquals(want, number(point.get("value")), what + " " + metric + " on " + day);
            }
        }
    }

    @Test
    void figuresMatchAnIndependentCountAcrossTheDstChangeAndStayFrozen() {
        Api setup = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures forum = new ForumFixtures(setup);
        List<Api> apis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            apis.add(api().registered(TestMembers.uniqueName("dst" + i)));
        }
        Api owl = api().registered(TestMembers.uniqueName("owl"));
        List<Long> members = apis.stream().map(DashboardFiguresTest::id).toList();
        long owlId = id(owl);
        long staffId = id(setup);
        long group = forum.group("panel", apis.get(0), apis.get(1), apis.get(2), apis.get(3));
        long owls = forum.group("owls", owl);
        Set<Long> panel = Set.of(members.get(0), members.get(1), members.get(2), members.get(3));
        long categoryA = 9_000_000_000L + (System.nanoTime() % 1_000_000);
        long categoryB = categoryA + 1;
        Map<String, Object> settings = new HashMap<>(setup.get("/api/v1/admin/settings").json());
        settings.put("timeZone", "Europe/Paris");
        assertEquals(200, setup.put("/api/v1/admin/settings", settings).status());

        // Now is Monday 5 April 2027, 10:00 UTC; the DST change was on Sunday 28 March.
        clock.advance(Duration.between(Instant.now(), Instant.parse("2027-04-05T10:00:00Z")));
        Api admin = ForumFixtures.newAdmin(server.getURI());
        try {
            Random random = new Random(20270328);
            ActivityFacts.Kind[] kinds = {ActivityFacts.Kind.VISIT, ActivityFacts.Kind.THREAD, ActivityFacts.Kind.REPLY,
                    ActivityFacts.Kind.REPLY, ActivityFacts.Kind.REACTION};
            for (LocalDate d = LocalDate.of(2027, 2, 1); !d.isAfter(TO); d = d.plusDays(1)) {
                for (long member : members) {
                    if (random.nextInt(10) < 3) {
                        ActivityFacts.Kind kind = kinds[random.nextInt(kinds.length)];
                        // Any minute of the local day (a minute in the spring gap moves an hour on, by ZoneId rules).
                        Instant at = ZonedDateTime.of(d, LocalTime.of(random.nextInt(24), random.nextInt(60)), PARIS)
                                .toInstant();
                        Long category = kind == ActivityFacts.Kind.VISIT ? null
                                : random.nextBoolean() ? categoryA : categoryB;
                        lay(member, kind, at, category);
                    }
                }
                if (random.nextInt(4) == 0) {
                    lay(staffId, ActivityFacts.Kind.REPLY, d.atTime(12, 0).atZone(PARIS).toInstant(), categoryA);
                }
            }
            // The night owl posts only around midnight, where UTC and Paris days differ: 23:30 UTC on 27 March is
            // 00:30 on the 28th in Paris (winter time), 22:30 UTC on the 28th is 00:30 on the 29th (summer time).
            lay(owlId, ActivityFacts.Kind.REPLY, Instant.parse("2027-03-27T23:30:00Z"), categoryA);
            lay(owlId, ActivityFacts.Kind.REPLY, Instant.parse("2027-03-28T22:30:00Z"), categoryA);

            rollups.runDue();
            Api.Response overview = admin.get("/api/v1/admin/analytics/overview?from=" + FROM + "&to=" + TO);
            assertEquals(200, overview.status(), overview.body());
            Predicate<Fact> membersOnly = f -> f.member() != staffId;
            List<String> all = List.of("ACTIVE_MEMBERS", "ACTIVE_7D", "ACTIVE_28D", "STICKINESS", "NEW_CONTRIBUTORS",
                    "THREADS", "REPLIES", "REACTIONS");
            assertFigures(overview, all, membersOnly, "members");
            assertTrue(number(figure(overview, "ACTIVE_28D").get("value")) >= 8, "the seeded community is active");
            assertFigures(admin.get("/api/v1/admin/analytics/overview?withStaff=true&from=" + FROM + "&to=" + TO),
                    List.of("ACTIVE_MEMBERS", "REPLIES"), f -> true, "with staff");

            Api.Response inA = admin.get("/api/v1/admin/analytics/overview?from=" + FROM + "&to=" + TO + "&category="
                    + categoryA);
            assertFigures(inA, List.of("ACTIVE_MEMBERS", "ACTIVE_28D", "THREADS", "REPLIES", "REACTIONS"),
                    f -> membersOnly.test(f) && Long.valueOf(categoryA).equals(f.category()), "category A");
            assertNull(figure(inA, "SIGNUPS").get("value"), "sign-ups are not counted per category");

            Api.Response panelOnly = admin.get("/api/v1/admin/analytics/overview?from=" + FROM + "&to=" + TO
                    + "&group=" + group);
            assertFigures(panelOnly, List.of("ACTIVE_MEMBERS", "ACTIVE_7D", "STICKINESS", "REPLIES"),
                    f -> panel.contains(f.member()), "group");
            assertFigures(admin.get("/api/v1/admin/analytics/overview?from=" + FROM + "&to=" + TO + "&group=" + group
                    + "&category=" + categoryB), List.of("ACTIVE_MEMBERS", "THREADS"),
                    f -> panel.contains(f.member()) && Long.valueOf(categoryB).equals(f.category()), "group in B");

            // The owl's days are Paris days, on both sides of the change.
            Api.Response owlDays = admin.get("/api/v1/admin/analytics/overview?from=2027-03-27&to=2027-03-29&group="
                    + owls);
            List<Long> owlSeries = ((List<?>) figure(owlDays, "ACTIVE_MEMBERS").get("series")).stream()
                    .map(p -> number(((Map<?, ?>) p).get("value"))).toList();
            assertEquals(List.of(0L, 1L, 1L), owlSeries, "27 March: nothing; 28 and 29: one each");

            // The CSV says what the screen says.
            Api.Response csv = admin.get("/api/v1/admin/analytics/export/overview?from=" + FROM + "&to=" + TO
                    + "&lang=fr");
            assertEquals(200, csv.status(), csv.body());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.body().startsWith("\uFEFF"), "byte-order mark");
            List<List<String>> rows = parseCsv(csv.body().substring(1));
            List<?> figures = (List<?>) overview.at("figures");
            assertEquals("Jour", rows.get(0).get(0));
            assertEquals(figures.size() + 1, rows.get(0).size());
            assertEquals(14 + 4, rows.size(), "heading, 14 days, the period, the period before, the definitions");
            for (int c = 0; c < figures.size(); c++) {
                Map<?, ?> f = (Map<?, ?>) figures.get(c);
                boolean permille = "permille".equals(f.get("unit"));
                List<?> series = (List<?>) f.get("series");
                for (int r = 0; r < series.size(); r++) {
                    assertEquals(shown(number(((Map<?, ?>) series.get(r)).get("value")), permille),
                            rows.get(r + 1).get(c + 1), f.get("metric") + " row " + r);
                }
                assertEquals(shown(number(f.get("value")), permille), rows.get(15).get(c + 1), "period " + f.get("metric"));
                assertEquals(shown(number(f.get("previous")), permille), rows.get(16).get(c + 1));
                assertEquals(f.get("definitionFr"), rows.get(17).get(c + 1));
            }
            assertEquals(403, api().registered(TestMembers.uniqueName("csv")).get("/api/v1/admin/analytics/export/overview?from="
                    + FROM + "&to=" + TO).status());
            assertEquals(404, admin.get("/api/v1/admin/analytics/export/nothing?from=" + FROM + "&to=" + TO).status());

            // A late fact recomputes its own day only; the others keep their figure and "as of".
            String rolledBefore = TestDatabase.queryString("SELECT rolled_at FROM analytics_days WHERE day = '2027-03-25'");
            long repliesBefore = number(figure(overview, "REPLIES").get("value"));
            lay(members.get(5), ActivityFacts.Kind.REPLY, Instant.parse("2027-03-30T09:00:00Z"), categoryB);
            List<LocalDate> computed = rollups.runDue();
            assertTrue(computed.contains(LocalDate.of(2027, 3, 30)));
            assertFalse(computed.contains(LocalDate.of(2027, 3, 25)));
            assertEquals(rolledBefore, TestDatabase.queryString("SELECT rolled_at FROM analytics_days WHERE day = '2027-03-25'"));
            Api.Response after = admin.get("/api/v1/admin/analytics/overview?from=" + FROM + "&to=" + TO);
            assertEquals(repliesBefore + 1, number(figure(after, "REPLIES").get("value")));
            assertFigures(after, all, membersOnly, "after a late fact");

            // Today is refreshed while it lasts, and closes when the clock passes midnight in Paris.
            assertEquals("0", TestDatabase.queryString("SELECT closed FROM analytics_days WHERE day = '2027-04-05'"));
            clock.advance(Duration.ofHours(14)); // 00:00 UTC = 02:00 in Paris on the 6th
            List<LocalDate> afterMidnight = rollups.runDue();
            assertTrue(afterMidnight.containsAll(List.of(LocalDate.of(2027, 4, 5), LocalDate.of(2027, 4, 6))),
                    "yesterday's last computation, and the new today: " + afterMidnight);
            assertEquals("1", TestDatabase.queryString("SELECT closed FROM analytics_days WHERE day = '2027-04-05'"));

            // Raw facts past the retention are purged; the figures stay.
            settings.put("analyticsRetentionDays", 30);
            assertEquals(200, admin.put("/api/v1/admin/settings", settings).status());
            assertTrue(rollups.purge() > 0);
            assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM analytics_facts WHERE at < '2027-03-06'"));
            rollups.runDue();
            Api.Response purged = admin.get("/api/v1/admin/analytics/overview?from=" + FROM + "&to=" + TO);
            assertEquals(after.at("figures"), purged.at("figures"), "rollups stay when raw facts go");
        } finally {
            settings.put("timeZone", "UTC");
            settings.put("analyticsRetentionDays", 400);
            admin.put("/api/v1/admin/settings", settings);
        }
    }

    private static String shown(Long value, boolean permille) {
        if (value == null) {
            return "";
        }
        return permille ? String.format(java.util.Locale.ROOT, "%.1f", value / 10.0) : Long.toString(value);
    }

    /** The rows of a CSV whose cells hold no line break (what the reports write). */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            if (!line.isEmpty()) {
                rows.add(io.ruche.platform.Csv.split(line));
            }
        }
        return rows;
    }
}
