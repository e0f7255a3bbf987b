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

    public ThemeRegistry(ResourceResolver resources, ObjectMapper json,
                         @Value("${ruche.theme:default}") String activeId,
                         @Value("${ruche.site-name:}") String siteName,
                         @Value("${ruche.themes-dir:}") String externalDir,
                         io.ruche.platform.SiteSettings siteSettings) {
        this.siteSettings = siteSettings;
        this.resources = resources;
        this.json = json;
        this.activeId = activeId;
        this.siteName = siteName;
        this.externalDir = externalDir.isBlank() ? Optional.empty() : Optional.of(Path.of(externalDir));
    }

    @Serdeable
    public record ThemeManifest(String id, Map<String, String> labels, String mode, String brandName,
                                String logo) {
    }

    /** What the UI needs to brand its shell. */
    @Serdeable
    public record ActiveTheme(String id, String label, String brandName, String logoUrl, String cssUrl,
                              String description, java.util.List<String> languages) {
    }

    public ActiveTheme active(String language) {
        ThemeManifest manifest = manifest(activeId);
        String label = manifest.labels() == null ? manifest.id()
                : manifest.labels().getOrDefault(language, manifest.labels().getOrDefault("en", manifest.id()));
        // The name and languages set in the console win over the configuration and the theme's defaults.
        io.ruche.platform.SiteSettings.Settings site = siteSettings.settings();
        String name = !site.name().isBlank() ? site.name() : siteName.isBlank() ? manifest.brandName() : siteName;
        return new ActiveTheme(manifest.id(), label, name, "/theme/assets/" + manifest.logo(), "/theme/theme.css",
                site.description(), java.util.Arrays.stream(site.languages().split(",")).filter(l -> !l.isBlank())
                .toList());
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
        return open(activeId, name);
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
