package io.ruche.themes;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Theme packs: {@code themes/<id>/} with {@code theme.json}, {@code theme.css} and assets. A folder named by
 * {@code RUCHE_THEMES_DIR} is searched before the packs built into the jar, so a brand can ship its own.
 */
@Singleton
public class ThemeRegistry {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,80}");

    private final ResourceResolver resources;
    private final ObjectMapper json;
    private final String activeId;
    private final String siteName;
    private final Optional<Path> externalDir;

    private final io.ruche.platform.SiteSettings siteSettings;
    private final BrandSettings brand;

    public ThemeRegistry(ResourceResolver resources, ObjectMapper json,
                         @Value("${ruche.theme:default}") String activeId,
                         @Value("${ruche.site-name:}") String siteName,
                         @Value("${ruche.themes-dir:}") String externalDir,
                         io.ruche.platform.SiteSettings siteSettings, BrandSettings brand) {
        this.siteSettings = siteSettings;
        this.brand = brand;
        this.resources = resources;
        this.json = json;
        this.activeId = activeId;
        this.siteName = siteName;
        this.externalDir = externalDir.isBlank() ? Optional.empty() : Optional.of(Path.of(externalDir));
    }

    @Serdeable
    public record ThemeManifest(String id, @io.micronaut.core.annotation.Nullable Integer tokens,
                                Map<String, String> labels, String mode, String brandName, String logo) {
    }

    /** The token set this version reads; a pack that declares a newer one is refused, an older one still works. */
    public static final int TOKENS = 1;

    /** The pack in use: the console's choice when it names a pack that exists, else the configuration's. */
    public String activeId() {
        String chosen = brand.brand().themeId();
        if (chosen != null && exists(chosen)) {
            return chosen;
        }
        return activeId;
    }

    public boolean exists(String id) {
        if (!SAFE_NAME.matcher(id).matches() || id.contains("..")) {
            return false;
        }
        Optional<InputStream> in = open(id, "theme.json");
        in.ifPresent(stream -> {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return in.isPresent();
    }

    /** The packs there are: those built into the jar (themes/packs.json) and those in RUCHE_THEMES_DIR. */
    public java.util.List<ThemeManifest> packs() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        resources.getResourceAsStream("classpath:themes/packs.json").ifPresent(in -> {
            try (in) {
                Map<?, ?> index = json.readValue(in, Map.class);
                for (Object id : (java.util.List<?>) index.get("packs")) {
                    ids.add(String.valueOf(id));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (externalDir.isPresent() && Files.isDirectory(externalDir.get())) {
            try (var dirs = Files.list(externalDir.get())) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("theme.json"))).map(d -> d.getFileName().toString())
                        .sorted().forEach(ids::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids.stream().filter(this::exists).map(this::manifest)
                .filter(m -> m.tokens() == null || m.tokens() <= TOKENS).toList();
    }

    /** The active pack's stylesheet followed by the brand's overrides (later declarations win). */
    public String activeCss() {
        return packCss(activeId()) + brand.brand().css();
    }

    /** A pack's own stylesheet. */
    public String packCss(String id) {
        return open(id, "theme.css").map(in -> {
            try (in) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }

    /** Changes with every console change of the theme: stylesheet and logo addresses carry it. */
    public long version() {
        return brand.brand().version();
    }

    /** What the UI needs to brand its shell. */
    @Serdeable
    public record ActiveTheme(String id, String label, String brandName, String logoUrl, String cssUrl,
                              String description, java.util.List<String> languages,
                              @io.micronaut.core.annotation.Nullable String faviconUrl) {
    }

    public ActiveTheme active(String language) {
        ThemeManifest manifest = manifest(activeId());
        String label = manifest.labels() == null ? manifest.id()
                : manifest.labels().getOrDefault(language, manifest.labels().getOrDefault("en", manifest.id()));
        // The name and languages set in the console win over the configuration and the theme's defaults.
        io.ruche.platform.SiteSettings.Settings site = siteSettings.settings();
        String name = !site.nameIn(language).isBlank() ? site.nameIn(language)
                : siteName.isBlank() ? manifest.brandName() : siteName;
        String logo = brand.asset("logo").isPresent() ? "/theme/brand/logo?v=" + version()
                : "/theme/assets/" + manifest.logo();
        return new ActiveTheme(manifest.id(), label, name, logo, "/theme/theme.css?v=" + version(),
                site.descriptionIn(language), java.util.Arrays.stream(site.languages().split(",")).filter(l -> !l.isBlank())
                .toList(), brand.asset("favicon").isPresent() ? "/theme/brand/favicon?v=" + version() : null);
    }

    public ThemeManifest manifest(String id) {
        try (InputStream in = open(id, "theme.json").orElseThrow(() ->
                new IllegalStateException("Theme '" + id + "' has no theme.json"))) {
            return json.readValue(in, ThemeManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Theme '" + id + "' has an unreadable theme.json", e);
        }
    }

    /** A file of the active theme; names are restricted so no path can leave the theme folder. */
    public Optional<InputStream> activeFile(String name) {
        if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return open(activeId(), name);
    }

    private Optional<InputStream> open(String id, String name) {
        if (externalDir.isPresent()) {
            Path file = externalDir.get().resolve(id).resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(Files.newInputStream(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return resources.getResourceAsStream("classpath:themes/" + id + "/" + name);
    }
}
