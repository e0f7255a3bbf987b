package io.ruche.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Role;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.platform.ProblemException;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API keys: long random strings shown once, kept as their SHA-256. A key acts as one member, within its scopes:
 * {@code READ} allows reading (GET), {@code WRITE} also changing things; {@code MODERATION} and {@code ADMIN} let it
 * use that member's moderator or admin powers (without them, a staff member's key acts as a plain member). Admins
 * make global keys acting as a member they name (themselves by default); members make personal keys for themselves,
 * READ and WRITE only.
 */
@Singleton
public class ApiKeys {

    public enum Scope {
        READ, WRITE, MODERATION, ADMIN
    }

    public enum Kind {
        GLOBAL, PERSONAL
    }

    static final String PREFIX = "ruche_";
    static final int MAX_ACTIVE_PER_MEMBER = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key found for a request: who it acts as, with which role (capped by its scopes), and what it may do. */
    public record Resolved(long keyId, long memberId, String username, Role role, Set<Scope> scopes, int perMinute) {
    }

    @Serdeable
    public record View(long id, String name, String prefix, Kind kind, List<Scope> scopes, String actsAs,
                       String createdBy, int perMinute, Instant createdAt, @Nullable Instant revokedAt,
                       @Nullable Instant lastUsedAt, @Nullable String lastUsedAddress) {
    }

    /** A new key: the only time its secret is shown. */
    @Serdeable
    public record Created(View key, String token) {
    }

    private final Sql sql;
    private final AccountService accounts;
    private final StaffActionLog audit;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Instant> touchedHere = new ConcurrentHashMap<>();

    public ApiKeys(Sql sql, AccountService accounts, StaffActionLog audit, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The role a key acts with: its member's, lowered to what its scopes allow. */
    static Role cappedRole(Role memberRole, Set<Scope> scopes) {
        Role cap = scopes.contains(Scope.ADMIN) ? Role.ADMIN : scopes.contains(Scope.MODERATION) ? Role.MODERATOR
                : Role.MEMBER;
        return memberRole.ordinal() <= cap.ordinal() ? memberRole : cap;
    }

    static Set<Scope> scopesOf(String stored) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : stored.split(",")) {
            if (!s.isBlank()) {
                scopes.add(Scope.valueOf(s.strip()));
            }
        }
        return scopes;
    }

    // ---- authenticating -----------------------------------------------------------------------------------------

    /**
     * The key behind a token, if it is live and its member may still act (not erased, not suspended); records when
     * and from where it was last used (at most once a minute per key on this node).
     */
    @Transactional
    public @Nullable Resolved resolve(String token, String address) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return null;
        }
        Instant now = clock.instant();
        Resolved key = sql.query("SELECT k.id, k.member_id, m.username, m.role, k.scopes, k.rate_per_minute "
                        + "FROM api_keys k JOIN members m ON m.id = k.member_id WHERE k.token_hash = ? "
                        + "AND k.revoked_at IS NULL AND m.erased_at IS NULL "
                        + "AND (m.suspended_until IS NULL OR m.suspended_until <= ?)", List.of(hash(token), now),
                rs -> {
                    Set<Scope> scopes = scopesOf(rs.getString(5));
                    return new Resolved(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            cappedRole(Role.valueOf(rs.getString(4)), scopes), scopes, rs.getInt(6));
                }).stream().findFirst().orElse(null);
        if (key != null) {
            Instant touched = touchedHere.get(key.keyId());
            if (touched == null || touched.isBefore(now.minus(Duration.ofMinutes(1)))) {
                sql.update("UPDATE api_keys SET last_used_at = ?, last_used_ip = ? WHERE id = ?",
                        Arrays.asList(now, address, key.keyId()));
                if (touchedHere.size() > 10_000) {
                    touchedHere.clear();
                }
                touchedHere.put(key.keyId(), now);
            }
        }
        return key;
    }

    // ---- managing -----------------------------------------------------------------------------------------------

    /** A member's own key: READ and WRITE at most, acting as themselves. */
    @Transactional
    public Created createPersonal(Viewer viewer, String name, List<Scope> scopes) {
        long memberId = viewer.requireMember();
        if (scopes.contains(Scope.MODERATION) || scopes.contains(Scope.ADMIN)) {
            throw Problems.invalidField("scopes", "validation.apiKey.personalScopes");
        }
        return create(memberId, memberId, Kind.PERSONAL, name, scopes, 600);
    }

    /** An admin's global key, acting as {@code actsAs} (the admin when null). */
    @Transactional
    public Created createGlobal(Viewer admin, String name, List<Scope> scopes, @Nullable String actsAs,
                                @Nullable Integer perMinute) {
        long adminId = admin.requireMember();
        if (!admin.isAdmin()) {
            throw Problems.forbidden("problem.forbidden");
        }
        long member = adminId;
        if (actsAs != null && !actsAs.isBlank()) {
            try {
                member = accounts.byUsername(actsAs.strip()).id();
            } catch (ProblemException e) {
                throw Problems.invalidField("actsAs", "validation.apiKey.actsAs");
            }
        }
        Created created = create(member, adminId, Kind.GLOBAL, name, scopes, perMinute == null ? 600 : perMinute);
        audit.record(adminId, "apikey.create", "api_key", created.key().id(), name.strip() + " ("
                + created.key().scopes().stream().map(Enum::name).collect(Collectors.joining(", ")) + ")", null);
        return created;
    }

    private Created create(long memberId, long createdBy, Kind kind, String name, List<Scope> scopes, int perMinute) {
        if (scopes.isEmpty()) {
            throw Problems.invalidField("scopes", "validation.apiKey.scopes");
        }
        // Keys of one member are counted under the member's row lock: two creations at once cannot both pass.
        sql.query("SELECT id FROM members WHERE id = ? FOR UPDATE", List.of(memberId), rs -> 1);
        int active = sql.query("SELECT COUNT(*) FROM api_keys WHERE member_id = ? AND revoked_at IS NULL",
                List.of(memberId), rs -> rs.getInt(1)).get(0);
        if (active >= MAX_ACTIVE_PER_MEMBER) {
            throw Problems.conflict("name", "problem.apiKey.tooMany");
        }
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = token.substring(0, PREFIX.length() + 6);
        String stored = EnumSet.copyOf(scopes).stream().map(Enum::name).collect(Collectors.joining(","));
        long id = sql.insert("INSERT INTO api_keys (token_hash, prefix, name, kind, scopes, member_id, created_by, "
                        + "rate_per_minute, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(hash(token), prefix, name.strip(), kind.name(), stored, memberId, createdBy, perMinute,
                        clock.instant()));
        return new Created(one(id), token);
    }

    private static final String VIEW = "SELECT k.id, k.name, k.prefix, k.kind, k.scopes, m.username, c.username, "
            + "k.rate_per_minute, k.created_at, k.revoked_at, k.last_used_at, k.last_used_ip FROM api_keys k "
            + "JOIN members m ON m.id = k.member_id JOIN members c ON c.id = k.created_by ";

    private View one(long id) {
        return sql.query(VIEW + "WHERE k.id = ?", List.of(id), ApiKeys::view).get(0);
    }

    private static View view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new View(rs.getLong(1), rs.getString(2), rs.getString(3), Kind.valueOf(rs.getString(4)),
                List.copyOf(scopesOf(rs.getString(5))), rs.getString(6), rs.getString(7), rs.getInt(8),
                Sql.instant(rs, 9), Sql.instant(rs, 10), Sql.instant(rs, 11), rs.getString(12));
    }

    /** The member's own keys, newest first (revoked ones too, so they see what was revoked and when). */
    @Transactional(readOnly = true)
    public List<View> mine(Viewer viewer) {
        return sql.query(VIEW + "WHERE k.member_id = ? AND k.kind = 'PERSONAL' ORDER BY k.id DESC LIMIT 100",
                List.of(viewer.requireMember()), ApiKeys::view);
    }

    /** Every key, for admins: global ones and members' own; keyset-paged by id, newest first. */
    @Transactional(readOnly = true)
    public List<View> all(@Nullable Kind kind, @Nullable Long before, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE TRUE");
        if (kind != null) {
            where.append(" AND k.kind = ?");
            params.add(kind.name());
        }
        if (before != null) {
            where.append(" AND k.id < ?");
            params.add(before);
        }
        params.add(Math.max(1, Math.min(limit, 100)));
        return sql.query(VIEW + where + " ORDER BY k.id DESC LIMIT ?", params, ApiKeys::view);
    }

    /** Revokes a key: its owner may revoke their own personal key, admins any key. Revoking twice changes nothing. */
    @Transactional
    public View revoke(Viewer viewer, long keyId) {
        long actor = viewer.requireMember();
        View key = sql.query(VIEW + "WHERE k.id = ? FOR UPDATE", List.of(keyId), ApiKeys::view).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("apiKey"));
        boolean own = key.kind() == Kind.PERSONAL && sql.query("SELECT 1 FROM api_keys WHERE id = ? AND member_id = ?",
                List.of(keyId, actor), rs -> 1).size() == 1;
        if (!own && !viewer.isAdmin()) {
            throw Problems.notFound("apiKey"); // another member's key does not exist for them
        }
        if (key.revokedAt() == null) {
            sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ?", List.of(clock.instant(), keyId));
            if (!own) {
                audit.record(actor, "apikey.revoke", "api_key", keyId, key.name(), null);
            }
        }
        return one(keyId);
    }
}
