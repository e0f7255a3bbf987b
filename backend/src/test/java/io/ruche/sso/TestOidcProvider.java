package io.ruche.sso;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small, standards-following OpenID Connect provider for the tests, built with Nimbus and served over HTTP:
 * discovery, JWKS, an authorization endpoint that approves the person the test chose, and a token endpoint that checks
 * the client's secret and the PKCE verifier before signing an ID token. A tampering mode makes it sign a token that a
 * careful client must refuse (wrong key, issuer, audience, nonce, or expired).
 */
public final class TestOidcProvider implements AutoCloseable {

    public enum Tamper { NONE, WRONG_KEY, WRONG_ISSUER, WRONG_AUDIENCE, WRONG_NONCE, EXPIRED }

    /** The person the provider says signs in. */
    public record Person(String subject, String email, boolean emailVerified, String name, List<String> groups) {
    }

    public static final String CLIENT_ID = "ruche-forum";
    public static final String CLIENT_SECRET = "s3cret-of-the-client";

    private record Grant(String nonce, String challenge, String redirectUri, Person person) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey rogue;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    public volatile Person next;
    volatile Tamper tamper = Tamper.NONE;

    public TestOidcProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        rogue = new RSAKeyGenerator(2048).keyID("k1").generate(); // same key id, other key: a forged signature
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", e -> json(e, 200, "{\"issuer\":\"" + issuer()
                + "\",\"authorization_endpoint\":\"" + issuer() + "/authorize\",\"token_endpoint\":\"" + issuer()
                + "/token\",\"jwks_uri\":\"" + issuer() + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/jwks", e -> json(e, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String discovery() {
        return issuer() + "/.well-known/openid-configuration";
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> p = params(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(p.get("client_id")) || !"code".equals(p.get("response_type"))
                || !"S256".equals(p.get("code_challenge_method")) || p.get("nonce") == null
                || !p.getOrDefault("scope", "").contains("openid")) {
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(p.get("nonce"), p.get("code_challenge"), p.get("redirect_uri"), next));
        exchange.getResponseHeaders().add("Location", p.get("redirect_uri") + "?code=" + code + "&state=" + p.get("state"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> p = params(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Grant grant = codes.remove(p.getOrDefault("code", ""));
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if (grant == null || !grant.redirectUri().equals(p.get("redirect_uri"))
                || !grant.challenge().equals(s256(p.getOrDefault("code_verifier", "")))) {
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            json(exchange, 200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\""
                    + idToken(grant) + "\"}");
        } catch (Exception e) {
            json(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    private String idToken(Grant grant) throws Exception {
        long now = System.currentTimeMillis();
        Person person = grant.person();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(tamper == Tamper.WRONG_ISSUER ? "https://evil.example" : issuer())
                .subject(person.subject())
                .audience(tamper == Tamper.WRONG_AUDIENCE ? "another-client" : CLIENT_ID)
                .issueTime(new Date(now - 1000))
                .expirationTime(new Date(tamper == Tamper.EXPIRED ? now - 300_000 : now + 300_000))
                .claim("nonce", tamper == Tamper.WRONG_NONCE ? "not-the-nonce" : grant.nonce())
                .claim("email", person.email())
                .claim("email_verified", person.emailVerified())
                .claim("name", person.name())
                .claim("preferred_username", person.email().split("@")[0])
                .claim("groups", person.groups())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(tamper == Tamper.WRONG_KEY ? rogue : key));
        return jwt.serialize();
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
