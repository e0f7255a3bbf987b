package io.ruche.uploads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Members' uploads: checked against the limits of their trust level, cleaned ({@link UploadSanitizer}), stored
 * behind the storage port, and served from their random key. The database row is written after the bytes, so a
 * row never points at nothing; bytes without a row (a failed insert) are harmless and unreachable.
 */
@Singleton
public class Uploads {

    private static final long MB = 1024L * 1024L;

    private final Sql sql;
    private final UploadStorage storage;
    private final AccountService accounts;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Uploads(Sql sql, UploadStorage storage, AccountService accounts, RateLimiter rateLimiter, Clock clock) {
        this.sql = sql;
        this.storage = storage;
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** An upload as the composer needs it: its address, its thumbnail's, and the Markdown that shows it. */
    @Serdeable
    public record UploadView(String key, String kind, String fileName, String contentType, long size,
                             @Nullable Integer width, @Nullable Integer height, String url,
                             @Nullable String thumbnailUrl, String markdown) {
    }

    @Serdeable
    public record Limits(int newMemberMb, int memberMb, int filesFromTrust) {
    }

    /** What one member may upload now: their size limit and whether files (not only images) are allowed. */
    @Serdeable
    public record Allowance(long maxBytes, boolean files) {
    }

    @Transactional(readOnly = true)
    public Allowance allowance(Viewer viewer) {
        long member = viewer.requireMember();
        Limits limits = limits();
        if (viewer.isStaff()) {
            return new Allowance(Math.max(limits.memberMb(), 9) * MB, true);
        }
        int trust = accounts.storedTrustLevel(member);
        return new Allowance((trust == 0 ? limits.newMemberMb() : limits.memberMb()) * MB,
                trust >= limits.filesFromTrust());
    }

    @Transactional
    public UploadView upload(Viewer viewer, String fileName, byte[] bytes) {
        long member = viewer.requireMember();
        accounts.requireMayPost(member);
        rateLimiter.hit("uploads:" + member, 60, Duration.ofHours(1));
        Allowance allowance = allowance(viewer);
        if (bytes.length > allowance.maxBytes()) {
            throw Problems.invalidField("file", "validation.upload.tooBig");
        }
        UploadSanitizer.Clean clean = clean(bytes, fileName);
        if (clean.kind() == UploadSanitizer.Kind.FILE && !allowance.files()) {
            throw Problems.invalidField("file", "validation.upload.filesNotYet");
        }
        String key = newKey();
        String name = safeName(fileName, clean.extension());
        try {
            storage.put(key + "." + clean.extension(), clean.bytes());
            if (clean.thumbnail() != null) {
                storage.put(key + "-t." + clean.extension(), clean.thumbnail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql.update("INSERT INTO uploads (upload_key, member_id, kind, file_name, content_type, size_bytes, width, "
                        + "height, has_thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(key, member, clean.kind().name(), name, clean.contentType(), (long) clean.bytes().length,
                        clean.width(), clean.height(), clean.thumbnail() != null, clock.instant()));
        return view(key, clean.kind().name(), name, clean.contentType(), clean.bytes().length, clean.width(),
                clean.height(), clean.thumbnail() != null);
    }

    /** The member's own avatar: cropped square, 256 pixels, replacing the generated one. */
    @Transactional
    public String avatar(Viewer viewer, byte[] bytes) {
        long member = viewer.requireMember();
        rateLimiter.hit("avatars:" + member, 20, Duration.ofHours(1));
        if (bytes.length > allowance(viewer).maxBytes()) {
            throw Problems.invalidField("file", "validation.upload.tooBig");
        }
        byte[] png;
        try {
            png = UploadSanitizer.avatar(bytes);
        } catch (UploadSanitizer.Refused e) {
            throw Problems.invalidField("file", e.code());
        } catch (IOException e) {
            throw Problems.invalidField("file", "validation.upload.broken");
        }
        String key = newKey();
        try {
            storage.put(key + ".png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql.update("INSERT INTO uploads (upload_key, member_id, kind, file_name, content_type, size_bytes, width, "
                + "height, has_thumbnail, created_at) VALUES (?, ?, 'AVATAR', 'avatar.png', 'image/png', ?, ?, ?, "
                + "FALSE, ?)", List.of(key, member, (long) png.length, UploadSanitizer.AVATAR_SIDE,
                UploadSanitizer.AVATAR_SIDE, clock.instant()));
        accounts.setAvatar(member, key);
        return key;
    }

    @Transactional
    public void removeAvatar(Viewer viewer) {
        accounts.setAvatar(viewer.requireMember(), null);
    }

    /** One stored upload, ready to serve. */
    public record Served(byte[] bytes, String contentType, String fileName, boolean image) {
    }

    @Transactional(readOnly = true)
    public Optional<Served> serve(String key, boolean thumbnail) {
        if (!key.matches("[A-Za-z0-9_-]{22}")) {
            return Optional.empty();
        }
        record Row(String kind, String name, String type, boolean hasThumbnail) {
        }
        Optional<Row> row = sql.query("SELECT kind, file_name, content_type, has_thumbnail FROM uploads "
                + "WHERE upload_key = ?", List.of(key), rs -> new Row(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getBoolean(4))).stream().findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        String extension = UploadSanitizer.extension(r.name());
        boolean small = thumbnail && r.hasThumbnail();
        try {
            return storage.get(key + (small ? "-t." : ".") + extension)
                    .map(bytes -> new Served(bytes, r.type(), r.name(), !"FILE".equals(r.kind())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(readOnly = true)
    public Limits limits() {
        return sql.query("SELECT new_member_mb, member_mb, files_from_trust FROM upload_settings WHERE id = 1",
                List.of(), rs -> new Limits(rs.getInt(1), rs.getInt(2), rs.getInt(3))).get(0);
    }

    @Transactional
    public Limits saveLimits(Limits limits) {
        if (limits.newMemberMb() < 1 || limits.memberMb() < 1 || limits.newMemberMb() > 9 || limits.memberMb() > 9) {
            throw Problems.invalidField("memberMb", "validation.upload.limit");
        }
        if (limits.filesFromTrust() < 0 || limits.filesFromTrust() > 4) {
            throw Problems.invalidField("filesFromTrust", "validation.upload.trust");
        }
        sql.update("UPDATE upload_settings SET new_member_mb = ?, member_mb = ?, files_from_trust = ? WHERE id = 1",
                List.of(limits.newMemberMb(), limits.memberMb(), limits.filesFromTrust()));
        return limits();
    }

    private static UploadSanitizer.Clean clean(byte[] bytes, String fileName) {
        try {
            return UploadSanitizer.clean(bytes, fileName);
        } catch (UploadSanitizer.Refused e) {
            throw Problems.invalidField("file", e.code());
        } catch (IOException e) {
            throw Problems.invalidField("file", "validation.upload.broken");
        }
    }

    private String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A name safe in a path and a header: letters, digits, dot, dash and underscore; the real extension. */
    static String safeName(String fileName, String extension) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        base = (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^A-Za-z0-9_-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = "file";
        }
        if (base.length() > 80) {
            base = base.substring(0, 80);
        }
        return base + "." + extension;
    }

    private static UploadView view(String key, String kind, String name, String type, long size,
                                   @Nullable Integer width, @Nullable Integer height, boolean thumbnail) {
        String url = "/uploads/" + key + "/" + name;
        String small = thumbnail ? "/uploads/" + key + "/t/" + name : null;
        String alt = name.replaceAll("\\.[a-z]+$", "").replace('-', ' ');
        String markdown = "FILE".equals(kind) ? "[" + name + "](" + url + ")"
                : small != null ? "[![" + alt + "](" + small + ")](" + url + ")" : "![" + alt + "](" + url + ")";
        return new UploadView(key, kind, name, type, size, width, height, url, small, markdown);
    }
}
