package io.ruche.themes;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.platform.Messages;
import io.ruche.platform.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The active theme, public to everyone (pages and embedded widgets alike). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class ThemeController {

    private final ThemeRegistry themes;
    private final Messages messages;

    public ThemeController(ThemeRegistry themes, Messages messages) {
        this.themes = themes;
        this.messages = messages;
    }

    @Get("/api/v1/theme")
    public ThemeRegistry.ActiveTheme active(HttpRequest<?> request) {
        return themes.active(messages.localeOf(request).getLanguage());
    }

    @Get("/theme/theme.css")
    public HttpResponse<byte[]> css() {
        return file("theme.css");
    }

    @Get("/theme/assets/{name}")
    public HttpResponse<byte[]> asset(String name) {
        return file(name);
    }

    private HttpResponse<byte[]> file(String name) {
        InputStream in = themes.activeFile(name).orElseThrow(() -> Problems.notFound("themeFile"));
        try (in) {
            return HttpResponse.ok(in.readAllBytes())
                    .contentType(MediaType.forFilename(name))
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
