package io.ruche.support;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A browser-like HTTP client for tests: keeps cookies, echoes the CSRF cookie in X-XSRF-TOKEN like the SPA does,
 * and comes from its own client address (X-Forwarded-For, trusted from loopback in the test configuration).
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean csrf = true;

    public Api(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        headers.put("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + random.nextInt(1, 255));
    }

    public Api header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Api language(String language) {
        return header("Accept-Language", language);
    }

    /** A new client for the same server that calls it as a script with an API key: no CSRF echo, no session. */
    public Api withKey(String token) {
        return new Api(base).withoutCsrf().header("Authorization", "Bearer " + token);
    }

    /** Stops echoing the CSRF token, as a forged cross-site request would. */
    public Api withoutCsrf() {
        this.csrf = false;
        return this;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Copies another client's cookies: the same browser after a restart of the server. */
    public Api withCookiesOf(Api other) {
        other.cookies.getCookieStore().getCookies().forEach(c -> cookies.getCookieStore().add(base, c));
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response deleteWithBody(String path, Object body) {
        return send("DELETE", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response postRaw(String path, String rawBody) {
        return exchange("POST", path, rawBody);
    }

    public Response putRaw(String path, String rawBody) {
        return exchange("PUT", path, rawBody);
    }

    /**
     * Registers a member with a valid password; against the shared test database, also confirms the address and
     * signs in (returns this client, signed in). Against a packaged jar, the address waits for its mail's link.
     */
    public Api registered(String username) {
        Response response = post("/api/v1/accounts", Map.of("username", username,
                "email", username + "@example.test", "password", TestMembers.PASSWORD));
        if (response.status() != 201 && response.status() != 202) {
            throw new IllegalStateException("Registration failed: " + response.body());
        }
        if (TestDatabase.running()) {
            // The verification mail has its own tests (MailTest); other scenarios start from a confirmed address,
            // signed in.
            TestMembers.verifyEmail(username);
            if (response.status() == 202) {
                return signedIn(username, TestMembers.PASSWORD);
            }
        }
        return this;
    }

    /** Sends one file as a browser's form would (multipart/form-data, field {@code field}). */
    public Response multipart(String method, String path, String field, String fileName, byte[] content) {
        if (csrf && cookie("XSRF-TOKEN").isEmpty()) {
            exchange("GET", "/api/v1/session", null);
        }
        String boundary = "----ruche" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json");
        return finish(request, true);
    }

    /** Adds this client's headers (and the CSRF echo on a write), sends, and answers as a {@link Response}. */
    private Response finish(HttpRequest.Builder request, boolean write) {
        headers.forEach(request::header);
        if (csrf && write) {
            cookie("XSRF-TOKEN").ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is bytes (an upload, a zip), with its headers; redirects are not followed. */
    public HttpResponse<byte[]> bytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Api signedIn(String login, String password) {
        Response response = post("/api/v1/session", Map.of("login", login, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("Sign-in failed: " + response.body());
        }
        return this;
    }

    private Response send(String method, String path, Object body) {
        String raw;
        try {
            raw = body == null ? null : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exchange(method, path, raw);
    }

    private Response exchange(String method, String path, String rawBody) {
        if (csrf && !method.equals("GET") && cookie("XSRF-TOKEN").isEmpty()) {
            exchange("GET", "/api/v1/session", null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(rawBody));
        if (rawBody != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (!headers.containsKey("Accept")) {
            request.header("Accept", "application/json, */*;q=0.8");
        }
        return finish(request, !method.equals("GET"));
    }

    public record Response(int status, String body, HttpHeaders headers) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        /** The array at a dotted path of a JSON object ("items"). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> jsonList(String dottedPath) {
            return (List<Map<String, Object>>) at(dottedPath);
        }

        public List<Map<String, Object>> jsonList() {
            try {
                return JSON.readValue(body, io.micronaut.core.type.Argument.listOf(
                        io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON array: " + body, e);
            }
        }

        public Object at(String dottedPath) {
            Object node;
            try {
                node = JSON.readValue(body, Object.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
            for (String key : dottedPath.split("\\.")) {
                if (node instanceof Map<?, ?> map) {
                    node = map.get(key);
                } else if (node instanceof List<?> list) {
                    node = list.get(Integer.parseInt(key));
                } else {
                    return null;
                }
            }
            return node;
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }
}
