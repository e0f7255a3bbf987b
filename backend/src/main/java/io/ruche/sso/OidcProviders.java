package io.ruche.sso;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.SsoPolicy;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.platform.Problems;
import io.ruche.platform.SecretBox;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity providers admins configure: a name for the button, the provider's discovery document (read when saved:
 * issuer, endpoints, keys), the client id and secret (kept encrypted), and optionally a claim whose values name the
 * groups a member belongs to (only the groups listed as synced are added and removed).
 */
@Singleton
public class OidcProviders {

    /** One provider as the sign-in flow uses it. */
    record Provider(long id, String slug, String name, String issuer, String authorizationEndpoint,
                    String tokenEndpoint, String jwksUri, String clientId, String clientSecret, String scopes,
                    @Nullable String groupClaim, List<String> syncedGroups, boolean enabled) {
    }

    @Serdeable
    public record View(long id, String slug, String name, String discoveryUrl, String issuer, String clientId,
                       String scopes, @Nullable String groupClaim, List<String> syncedGroups, boolean enabled,
                       long members, Instant updatedAt) {
    }

    /** What the sign-in page shows: a button per enabled provider, and whether passwords are for staff only. */
    @Serdeable
    public record Public(List<Button> providers, boolean ssoOnly) {
    }

    @Serdeable
    public record Button(String slug, String name) {
    }

    private final Sql sql;
    private final SecretBox box;
    private final JsonMapper json;
    private final SsoPolicy policy;
    private final StaffActionLog audit;
    private final Clock clock;
    private final HttpClient http;
    private final Duration readTimeout;
    /** Bumped when a provider changes: the flow's cached key sources are rebuilt. */
    final Map<Long, Instant> changedAt = new ConcurrentHashMap<>();

    public OidcProviders(Sql sql, SecretBox box, JsonMapper json, SsoPolicy policy, StaffActionLog audit, Clock clock,
                         @Value("${ruche.oidc.connect-timeout:5s}") Duration connectTimeout,
                         @Value("${ruche.oidc.read-timeout:10s}") Duration readTimeout) {
        this.sql = sql;
        this.box = box;
        this.json = json;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static final String COLUMNS = "id, slug, name, issuer, authorization_endpoint, token_endpoint, jwks_uri, "
            + "client_id, client_secret_encrypted, scopes, group_claim, synced_groups, enabled";

    private Provider provider(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Provider(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), box.open(rs.getString(9)), rs.getString(10),
                rs.getString(11), names(rs.getString(12)), rs.getBoolean(13));
    }

    static List<String> names(@Nullable String stored) {
        return stored == null ? List.of() : Arrays.stream(stored.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    @Transactional(readOnly = true)
    @Nullable Provider bySlug(String slug) {
        return sql.query("SELECT " + COLUMNS + " FROM oidc_providers WHERE slug = ?", List.of(slug), this::provider)
                .stream().findFirst().orElse(null);
    }

    @Transactional(readOnly = true)
    @Nullable Provider byId(long id) {
        return sql.query("SELECT " + COLUMNS + " FROM oidc_providers WHERE id = ?", List.of(id), this::provider)
                .stream().findFirst().orElse(null);
    }

    @Transactional(readOnly = true)
    public Public forSignIn() {
        return new Public(sql.query("SELECT slug, name FROM oidc_providers WHERE enabled = TRUE ORDER BY name",
                List.of(), rs -> new Button(rs.getString(1), rs.getString(2))), policy.ssoOnly());
    }

    // ---- console ------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<View> list() {
        return sql.query("SELECT p.id, p.slug, p.name, p.discovery_url, p.issuer, p.client_id, p.scopes, p.group_claim, "
                        + "p.synced_groups, p.enabled, (SELECT COUNT(*) FROM member_identities i WHERE i.provider_id = p.id), "
                        + "p.updated_at FROM oidc_providers p ORDER BY p.name", List.of(),
                rs -> new View(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), names(rs.getString(9)), rs.getBoolean(10),
                        rs.getLong(11), Sql.instant(rs, 12)));
    }

    private View view(long id) {
        return list().stream().filter(v -> v.id() == id).findFirst().orElseThrow(() -> Problems.notFound("provider"));
    }

    /** The provider's discovery document: issuer and endpoints, read now (connect and read time out). */
    record Discovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    Discovery discover(String discoveryUrl) {
        URI uri;
        try {
            uri = URI.create(discoveryUrl.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("discoveryUrl", "validation.oidc.discoveryUrl");
        }
        if (uri.getScheme() == null || !Arrays.asList("https", "http").contains(uri.getScheme().toLowerCase())) {
            throw Problems.invalidField("discoveryUrl", "validation.oidc.discoveryUrl");
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(readTimeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw Problems.invalidField("discoveryUrl", "validation.oidc.discoveryUnreachable");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = json.readValue(response.body(), Map.class);
            Object issuer = doc.get("issuer");
            Object authorization = doc.get("authorization_endpoint");
            Object token = doc.get("token_endpoint");
            Object jwks = doc.get("jwks_uri");
            if (!(issuer instanceof String) || !(authorization instanceof String) || !(token instanceof String)
                    || !(jwks instanceof String)) {
                throw Problems.invalidField("discoveryUrl", "validation.oidc.discoveryInvalid");
            }
            return new Discovery((String) issuer, (String) authorization, (String) token, (String) jwks);
        } catch (IOException e) {
            throw Problems.invalidField("discoveryUrl", "validation.oidc.discoveryUnreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.invalidField("discoveryUrl", "validation.oidc.discoveryUnreachable");
        }
    }

    @Transactional
    public View create(Viewer admin, SsoRequests.SaveProvider request) {
        if (request.clientSecret() == null || request.clientSecret().isBlank()) {
            throw Problems.invalidField("clientSecret", "validation.required");
        }
        requireFreeSlug(request.slug(), null);
        Discovery d = discover(request.discoveryUrl());
        Instant now = clock.instant();
        long id;
        try {
            id = sql.insert("INSERT INTO oidc_providers (slug, name, discovery_url, issuer, authorization_endpoint, "
                            + "token_endpoint, jwks_uri, client_id, client_secret_encrypted, scopes, group_claim, "
                            + "synced_groups, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            + "?, ?, ?)",
                    Arrays.asList(request.slug().strip().toLowerCase(), request.name().strip(),
                            request.discoveryUrl().strip(), d.issuer(), d.authorizationEndpoint(), d.tokenEndpoint(),
                            d.jwksUri(), request.clientId().strip(), box.seal(request.clientSecret().strip()),
                            scopes(request), blankAsNull(request.groupClaim()), groups(request), request.enabled(), now,
                            now));
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            if (e.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException) {
                throw Problems.conflict("slug", "validation.oidc.slugTaken"); // two admins saving the same name at once
            }
            throw e;
        }
        audit.record(admin.memberId(), "sso.provider.create", "oidc_provider", id, request.name().strip(), null);
        return view(id);
    }

    @Transactional
    public View update(Viewer admin, long id, SsoRequests.SaveProvider request) {
        Provider before = byId(id);
        if (before == null) {
            throw Problems.notFound("provider");
        }
        requireFreeSlug(request.slug(), id);
        Discovery d = discover(request.discoveryUrl());
        String secret = request.clientSecret() == null || request.clientSecret().isBlank() ? before.clientSecret()
                : request.clientSecret().strip();
        sql.update("UPDATE oidc_providers SET slug = ?, name = ?, discovery_url = ?, issuer = ?, authorization_endpoint = ?, "
                        + "token_endpoint = ?, jwks_uri = ?, client_id = ?, client_secret_encrypted = ?, scopes = ?, "
                        + "group_claim = ?, synced_groups = ?, enabled = ?, updated_at = ? WHERE id = ?",
                Arrays.asList(request.slug().strip().toLowerCase(), request.name().strip(),
                        request.discoveryUrl().strip(), d.issuer(), d.authorizationEndpoint(), d.tokenEndpoint(),
                        d.jwksUri(), request.clientId().strip(), box.seal(secret), scopes(request),
                        blankAsNull(request.groupClaim()), groups(request), request.enabled(), clock.instant(), id));
        changedAt.put(id, clock.instant());
        audit.record(admin.memberId(), "sso.provider.update", "oidc_provider", id, request.name().strip(), null);
        return view(id);
    }

    @Transactional
    public void delete(Viewer admin, long id) {
        View gone = view(id);
        sql.update("DELETE FROM oidc_providers WHERE id = ?", List.of(id));
        changedAt.put(id, clock.instant());
        audit.record(admin.memberId(), "sso.provider.delete", "oidc_provider", id, gone.name(), null);
    }

    /** Turns "SSO only" on or off; on needs at least one enabled provider (or members could not sign in at all). */
    @Transactional
    public Public setSsoOnly(Viewer admin, boolean on) {
        if (on && forSignIn().providers().isEmpty()) {
            throw Problems.conflict("ssoOnly", "problem.sso.noProvider");
        }
        policy.setSsoOnly(on);
        audit.record(admin.memberId(), on ? "sso.only.on" : "sso.only.off", "site", null, "SSO only", null);
        return forSignIn();
    }

    private void requireFreeSlug(String slug, @Nullable Long except) {
        boolean taken = !sql.query("SELECT 1 FROM oidc_providers WHERE slug = ? AND id <> ?",
                List.of(slug.strip().toLowerCase(), except == null ? -1L : except), rs -> 1).isEmpty();
        if (taken) {
            throw Problems.conflict("slug", "validation.oidc.slugTaken");
        }
    }

    private static String scopes(SsoRequests.SaveProvider request) {
        String scopes = request.scopes() == null || request.scopes().isBlank() ? "openid email profile"
                : request.scopes().strip();
        return scopes.contains("openid") ? scopes : "openid " + scopes;
    }

    private static @Nullable String groups(SsoRequests.SaveProvider request) {
        return request.syncedGroups() == null || request.syncedGroups().isEmpty() ? null
                : String.join(",", request.syncedGroups().stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static @Nullable String blankAsNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
