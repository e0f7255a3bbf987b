package io.ruche.platform;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ProblemJsonTest extends IntegrationTest {

    @Test
    void unknownApiPathIsAProblem() {
        Api.Response response = api().get("/api/v1/does-not-exist");
        assertEquals(404, response.status());
        assertEquals("application/problem+json", response.contentType());
        assertEquals(404, ((Number) response.at("status")).intValue());
        assertEquals("There is nothing at this address.", response.at("detail"));
    }

    @Test
    void wrongMethodIsAProblem() {
        Api.Response response = api().put("/api/v1/setup", java.util.Map.of());
        assertEquals(405, response.status(), response.body());
        assertEquals("problem.methodNotAllowed", response.at("code"));
    }

    @Test
    void deepLinksOfTheAppServeTheSinglePageApp() {
        Api.Response response = api().header("Accept", "text/html").get("/u/somebody");
        assertEquals(200, response.status());
        assertTrue(response.body().contains("<div id=\"app\">"), response.body());
        assertTrue(response.headers().firstValue("Content-Security-Policy").isPresent());
    }

    @Test
    void missingAssetIsA404NotThePage() {
        assertEquals(404, api().get("/assets/missing.js").status());
    }

    @Test
    void themeIsServedWithItsBrand() {
        Api.Response theme = api().language("fr").get("/api/v1/theme");
        assertEquals("Ruche", theme.at("brandName"));
        assertEquals("Ruche (clair)", theme.at("label"));
        Api.Response css = api().get("/theme/theme.css");
        assertTrue(css.body().contains("--ruche-color-accent"));
        assertTrue(css.contentType().startsWith("text/css"), css.contentType());
        assertEquals(404, api().get("/theme/assets/..%2Fsecret").status());
    }
}
