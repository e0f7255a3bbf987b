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
    private final BrandSettings brand;

    public ThemeController(ThemeRegistry themes, Messages messages, BrandSettings brand) {
        this.themes = themes;
        this.messages = messages;
        this.brand = brand;
    }

    @Get("/api/v1/theme")
    public ThemeRegistry.ActiveTheme active(HttpRequest<?> request) {
        return themes.active(messages.localeOf(request).getLanguage());
    }

    @Get("/theme/theme.css")
    public HttpResponse<byte[]> css() {
        return HttpResponse.ok(themes.activeCss().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .contentType("text/css;charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    /** The brand's uploaded logo or favicon; an SVG can run nothing (sandboxed, no script). */
    @Get("/theme/brand/{name}")
    public HttpResponse<byte[]> brandAsset(String name) {
        if (!name.equals("logo") && !name.equals("favicon")) {
            throw Problems.notFound("themeFile");
        }
        BrandSettings.Asset asset = brand.asset(name).orElseThrow(() -> Problems.notFound("themeFile"));
        return HttpResponse.ok(asset.bytes()).contentType(asset.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
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
