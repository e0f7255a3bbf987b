package io.ruche.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's side of a sign-in: the authorization code exchanged for tokens (with the PKCE verifier, the client
 * authenticated with its secret), and the ID token checked with Nimbus JOSE+JWT: its signature against the
 * provider's published keys (fetched with timeouts, cached, refetched when an unknown key id appears), its issuer,
 * its audience (our client id), its expiry and the nonce this sign-in sent. Nothing here trusts an unchecked claim.
 */
@Singleton
class OidcTokens {

    /** The exchange or the token failed; {@code reason} is what the sign-in page tells. */
    static final class Refused extends Exception {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }

        Refused(String message) {
            super(message);
        }
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private record Keys(String jwksUri, Instant changedAt, JWKSource<SecurityContext> source) {
    }

    private final JsonMapper json;
    private final OidcProviders providers;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<Long, Keys> keys = new ConcurrentHashMap<>();

    OidcTokens(JsonMapper json, OidcProviders providers,
               @Value("${ruche.oidc.connect-timeout:5s}") Duration connectTimeout,
               @Value("${ruche.oidc.read-timeout:10s}") Duration readTimeout) {
        this.json = json;
        this.providers = providers;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Exchanges the code for the ID token (the raw JWT). */
    String exchange(OidcProviders.Provider provider, String code, String verifier, String redirectUri) throws Refused {
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri)
                + "&code_verifier=" + encode(verifier) + "&client_id=" + encode(provider.clientId());
        String basic = Base64.getEncoder().encodeToString((encode(provider.clientId()) + ":"
                + encode(provider.clientSecret())).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                    .timeout(readTimeout).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json").header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Refused("The provider refused the code (HTTP " + response.statusCode() + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tokens = json.readValue(response.body(), Map.class);
            Object idToken = tokens.get("id_token");
            if (!(idToken instanceof String token) || token.isBlank()) {
                throw new Refused("The provider sent no ID token");
            }
            return token;
        } catch (IOException e) {
            throw new Refused("The provider could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("Interrupted", e);
        }
    }

    /** The ID token's claims, once its signature, issuer, audience, expiry and nonce are checked. */
    JWTClaimsSet verify(OidcProviders.Provider provider, String idToken, String nonce) throws Refused {
        ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keysOf(provider)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(provider.clientId(),
                new JWTClaimsSet.Builder().issuer(provider.issuer()).claim("nonce", nonce).build(),
                new HashSet<>(List.of("sub", "iat", "exp"))));
        try {
            return processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new Refused("The ID token was refused: " + e.getMessage(), e);
        }
    }

    private JWKSource<SecurityContext> keysOf(OidcProviders.Provider provider) throws Refused {
        Instant changed = providers.changedAt.getOrDefault(provider.id(), Instant.EPOCH);
        Keys cached = keys.get(provider.id());
        if (cached != null && cached.jwksUri().equals(provider.jwksUri()) && cached.changedAt().equals(changed)) {
            return cached.source();
        }
        try {
            JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(
                    URI.create(provider.jwksUri()).toURL(), new DefaultResourceRetriever(
                            (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(), 512 * 1024)).build();
            keys.put(provider.id(), new Keys(provider.jwksUri(), changed, source));
            return source;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new Refused("The provider's key address is not a URL", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
