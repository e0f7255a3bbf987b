package io.ruche.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analytics dashboard in a browser: change the range, open a definition, export the CSV. English and French. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsJourneyIT {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("definition", "Members active that day", "column", "Active members (day)",
                    "notSplit", "not by this filter"),
            "fr", Map.of("definition", "Membres actifs ce jour-là", "column", "Membres actifs (jour)",
                    "notSplit", "non ventilé par ce filtre"));

    private RucheProcess ruche;
    private BrowserSession browser;

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        browser = new BrowserSession(ruche.base());
        io.ruche.support.Api admin = new io.ruche.support.Api(ruche.base())
                .signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        io.ruche.support.Api.Response created = admin.post("/api/v1/categories", Map.of("name", "Analytics "
                + io.ruche.support.TestMembers.uniqueName("c"), "slug", io.ruche.support.TestMembers.uniqueName("an")
                .replace('_', '-').toLowerCase()));
        org.junit.jupiter.api.Assertions.assertEquals(201, created.status(), created.body());
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("analytics-" + test.getDisplayName());
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "fr"})
    void anAdminReadsTheDashboardAndExportsIt(String language) throws Exception {
        Map<String, String> words = WORDS.get(language);
        Path downloads = Files.createTempDirectory("ruche-csv-" + language);
        ForumPages pages = browser.signedIn(language, RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD, downloads);
        ForumPages.AnalyticsPage dashboard = pages.analytics().from(LocalDate.now().minusDays(6).toString());
        String definition = dashboard.definitionOf("ACTIVE_MEMBERS");
        assertTrue(definition.startsWith(words.get("definition")), definition);
        String csv = dashboard.exportCsv(downloads);
        assertTrue(csv.startsWith("\uFEFF"), "a byte-order mark for spreadsheet programs");
        assertTrue(csv.contains(words.get("column")), csv);
        assertTrue(csv.contains(LocalDate.now().toString()), csv);
        // Per category, a figure that is not counted per category says so instead of showing a wrong number.
        String signups = dashboard.firstCategory().figureOnce("SIGNUPS", words.get("notSplit"));
        assertTrue(signups.contains(words.get("notSplit")), signups);
    }
}
