package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import io.ruche.platform.ProblemException;
import io.ruche.platform.Problems;
import io.ruche.themes.BrandSettings;
import io.ruche.themes.Contrast;
import io.ruche.themes.ThemeRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Theme management (administrators; with the other site settings of the console, as themes itself depends on no
 * feature): the packs there are, the active one, the brand's overrides with their WCAG AA
 * contrast checks (a failing pair is refused unless the admin confirms it), and the brand's logo.
 */
@Controller("/api/v1/admin/theme")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class ThemeAdminController {

    private static final int MAX_LOGO = 256 * 1024;
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/svg+xml");

    private final ThemeRegistry themes;
    private final BrandSettings brand;
    private final AuditLog audit;

    public ThemeAdminController(ThemeRegistry themes, BrandSettings brand, AuditLog audit) {
        this.themes = themes;
        this.brand = brand;
        this.audit = audit;
    }

    @Serdeable
    public record Pack(String id, Map<String, String> labels, String mode) {
    }

    @Serdeable
    public record State(List<Pack> packs, String active, BrandSettings.Brand brand, List<Contrast.Check> checks,
                        boolean customLogo, boolean customFavicon) {
    }

    @Serdeable
    public record Change(@Nullable String themeId, @Nullable String accent, @Nullable String accentContrast,
                         @Nullable String headerBg, @Nullable String headerText, @Nullable String font,
                         @Nullable Integer radius, boolean confirmLowContrast) {
    }

    @Get
    public State state() {
        return state(themes.activeCss());
    }

    private State state(String css) {
        return new State(themes.packs().stream().map(m -> new Pack(m.id(), m.labels(), m.mode())).toList(),
                themes.activeId(), brand.brand(), Contrast.checks(Contrast.tokens(css)), brand.asset("logo").isPresent(),
                brand.asset("favicon").isPresent());
    }

    /** The checks a change would give, without saving it (the console's live warning). */
    @Post("/check")
    public List<Contrast.Check> check(@Body Change change) {
        BrandSettings.Brand next = validate(change);
        return Contrast.checks(Contrast.tokens(packCss(next.themeId()) + next.css()));
    }

    @Put
    public State save(@Body Change change, Viewer viewer) {
        BrandSettings.Brand next = validate(change);
        List<Contrast.Check> checks = Contrast.checks(Contrast.tokens(packCss(next.themeId()) + next.css()));
        List<ProblemException.FieldError> failing = new ArrayList<>();
        for (Contrast.Check c : checks) {
            if (!c.passes()) {
                failing.add(new ProblemException.FieldError("contrast." + c.pair(), "validation.contrast"));
            }
        }
        if (!failing.isEmpty() && !change.confirmLowContrast()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "problem.validation", null, failing, null);
        }
        brand.save(next);
        audit.record(viewer.requireMember(), "theme.changed", "site", null, "theme " + next.themeId()
                + (failing.isEmpty() ? "" : " (contrast below AA accepted)"), null);
        return state(themes.activeCss());
    }

    /** The brand's logo or favicon, sent as the request's body (PNG, JPEG, WebP or SVG, at most 256 KB). */
    @Put(value = "/{name}", consumes = {"image/png", "image/jpeg", "image/webp", "image/svg+xml"})
    public State asset(String name, HttpRequest<byte[]> request, Viewer viewer) {
        requireAsset(name);
        String type = request.getContentType().map(t -> t.getName().toLowerCase(java.util.Locale.ROOT)).orElse("");
        byte[] bytes = request.getBody().orElse(new byte[0]);
        if (!IMAGE_TYPES.contains(type) || bytes.length == 0 || bytes.length > MAX_LOGO) {
            throw Problems.invalidField(name, "validation.logo");
        }
        brand.saveAsset(name, type, bytes);
        audit.record(viewer.requireMember(), "theme." + name, "site", null, type + ", " + bytes.length + " bytes", null);
        return state();
    }

    @Delete("/{name}")
    public HttpResponse<?> removeAsset(String name, Viewer viewer) {
        requireAsset(name);
        brand.removeAsset(name);
        audit.record(viewer.requireMember(), "theme." + name + "Removed", "site", null, "", null);
        return HttpResponse.noContent();
    }

    private static void requireAsset(String name) {
        if (!name.equals("logo") && !name.equals("favicon")) {
            throw Problems.notFound("themeFile");
        }
    }

    private String packCss(String themeId) {
        return themes.packCss(themeId);
    }

    private BrandSettings.Brand validate(Change c) {
        String theme = c.themeId() == null || c.themeId().isBlank() ? themes.activeId() : c.themeId();
        if (!themes.exists(theme) || themes.packs().stream().noneMatch(p -> p.id().equals(theme))) {
            throw Problems.invalidField("themeId", "validation.theme");
        }
        if (c.radius() != null && (c.radius() < 0 || c.radius() > 32)) {
            throw Problems.invalidField("radius", "validation.radius");
        }
        String font = c.font() == null || c.font().isBlank() ? null : c.font().strip();
        if (font != null && !font.matches("[A-Za-z0-9 '\\-]{1,60}")) {
            throw Problems.invalidField("font", "validation.font");
        }
        return new BrandSettings.Brand(theme, colour("accent", c.accent()), colour("accentContrast", c.accentContrast()),
                colour("headerBg", c.headerBg()), colour("headerText", c.headerText()),
                font == null ? null : "'" + font.replace("'", "") + "'", c.radius(), 0);
    }

    private static @Nullable String colour(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("#[0-9a-fA-F]{6}")) {
            throw Problems.invalidField(field, "validation.colour");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
