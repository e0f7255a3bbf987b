package io.ruche.themes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pack an admin activated and the brand's overrides (accent, its text colour, header colours, font, radius), with
 * a version raised by every change (stylesheet addresses carry it, so browsers and widget caches pick it up). Read
 * from the database at most every two seconds per node.
 */
@Singleton
public class BrandSettings {

    /** The overrides; null: the pack's own token. */
    @Serdeable
    public record Brand(@Nullable String themeId, @Nullable String accent, @Nullable String accentContrast,
                        @Nullable String headerBg, @Nullable String headerText, @Nullable String font,
                        @Nullable Integer radius, long version) {

        /** The override block appended to the pack's stylesheet (values were checked when saved). */
        public String css() {
            StringBuilder b = new StringBuilder();
            if (accent != null) {
                b.append("  --ruche-color-accent: ").append(accent).append(";\n  --ruche-color-accent-hover: ")
                        .append(accent).append(";\n");
            }
            if (accentContrast != null) {
                b.append("  --ruche-color-accent-contrast: ").append(accentContrast).append(";\n");
            }
            if (headerBg != null) {
                b.append("  --ruche-color-header-bg: ").append(headerBg).append(";\n");
            }
            if (headerText != null) {
                b.append("  --ruche-color-header-text: ").append(headerText).append(";\n");
            }
            if (font != null) {
                b.append("  --ruche-font-body: ").append(font).append(", system-ui, sans-serif;\n");
            }
            if (radius != null) {
                b.append("  --ruche-radius: ").append(radius).append("px;\n");
            }
            return b.isEmpty() ? "" : "\n/* The brand's overrides, from the console. */\n:root {\n" + b + "}\n";
        }
    }

    private final Sql sql;
    private final Clock clock;
    private volatile Brand cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public BrandSettings(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public Brand brand() {
        if (cached == null || Duration.between(cachedAt, clock.instant()).abs().toMillis() >= 2000) {
            cached = read();
            cachedAt = clock.instant();
        }
        return cached;
    }

    @Transactional(readOnly = true)
    protected Brand read() {
        return sql.query("SELECT theme_id, accent, accent_contrast, header_bg, header_text, font, radius, version "
                        + "FROM theme_settings WHERE id = 1", List.of(),
                rs -> new Brand(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), (Integer) rs.getObject(7), rs.getLong(8)))
                .stream().findFirst().orElse(new Brand(null, null, null, null, null, null, null, 0));
    }

    @Transactional
    public void save(Brand brand) {
        sql.update("UPDATE theme_settings SET theme_id = ?, accent = ?, accent_contrast = ?, header_bg = ?, "
                        + "header_text = ?, font = ?, radius = ?, version = version + 1, updated_at = ? WHERE id = 1",
                Arrays.asList(brand.themeId(), brand.accent(), brand.accentContrast(), brand.headerBg(),
                        brand.headerText(), brand.font(), brand.radius(), clock.instant()));
        cachedAt = Instant.EPOCH;
    }

    /** An uploaded logo or favicon. */
    public record Asset(String contentType, byte[] bytes, Instant updatedAt) {
    }

    @Transactional(readOnly = true)
    public Optional<Asset> asset(String name) {
        return sql.query("SELECT content_type, bytes, updated_at FROM theme_assets WHERE name = ?", List.of(name),
                rs -> new Asset(rs.getString(1), rs.getBytes(2), Sql.instant(rs, 3))).stream().findFirst();
    }

    @Transactional
    public void saveAsset(String name, String contentType, byte[] bytes) {
        sql.update("INSERT INTO theme_assets (name, content_type, bytes, updated_at) VALUES (?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE content_type = VALUES(content_type), bytes = VALUES(bytes), "
                        + "updated_at = VALUES(updated_at)", List.of(name, contentType, bytes, clock.instant()));
        sql.update("UPDATE theme_settings SET version = version + 1 WHERE id = 1", List.of());
        cachedAt = Instant.EPOCH;
    }

    @Transactional
    public void removeAsset(String name) {
        sql.update("DELETE FROM theme_assets WHERE name = ?", List.of(name));
        sql.update("UPDATE theme_settings SET version = version + 1 WHERE id = 1", List.of());
        cachedAt = Instant.EPOCH;
    }
}
