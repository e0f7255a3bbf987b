package io.ruche.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.ruche.platform.BearerToken;
import io.ruche.platform.ClientAddress;
import io.ruche.platform.ProblemException;
import io.ruche.platform.ProblemResponses;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Requests carrying {@code Authorization: Bearer <key>}: the key must be live (401 otherwise, never a silent guest),
 * the request must carry no cookie (a key and a browser session are never mixed), its method must be within the
 * key's scopes (GET needs READ; anything else WRITE), the account's own settings and key management stay with a
 * signed-in browser, and each key has its own rate limit. The key found is left on the request for
 * {@link ApiKeyAuthenticationFetcher}; every endpoint's own access rule then applies to the key's member and role.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ApiKeyFilter implements Ordered {

    static final String ATTRIBUTE = "ruche.apiKey";
    private static final Set<HttpMethod> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** What a key never reaches: the account's credentials and settings, sign-in, keys themselves, sign-up. */
    private static final List<String> BROWSER_ONLY = List.of("/api/v1/account/", "/api/v1/api-keys",
            "/api/v1/admin/api-keys", "/api/v1/accounts", "/api/v1/setup", "/auth/");

    private final ApiKeys keys;
    private final RateLimiter limits;
    private final ClientAddress clientAddress;
    private final ProblemResponses problems;

    public ApiKeyFilter(ApiKeys keys, RateLimiter limits, ClientAddress clientAddress, ProblemResponses problems) {
        this.keys = keys;
        this.limits = limits;
        this.clientAddress = clientAddress;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before(); // after CSRF (which lets key requests by), before authentication
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<String> token = BearerToken.of(request);
        if (token.isEmpty()) {
            return null;
        }
        try {
            if (request.getHeaders().contains(HttpHeaders.COOKIE)) {
                throw Problems.badRequest("problem.apiKey.withCookies");
            }
            ApiKeys.Resolved key = keys.resolve(token.get(), clientAddress.of(request));
            if (key == null) {
                return problems.of(request, Problems.unauthorized("problem.apiKey.invalid"))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            String path = request.getPath();
            boolean browserOnly = BROWSER_ONLY.stream().anyMatch(path::startsWith)
                    || (path.equals("/api/v1/session") && request.getMethod() != HttpMethod.GET);
            if (browserOnly) {
                throw Problems.forbidden("problem.apiKey.browserOnly");
            }
            boolean reading = READING.contains(request.getMethod());
            if (!key.scopes().contains(reading ? ApiKeys.Scope.READ : ApiKeys.Scope.WRITE)) {
                return problems.of(request, Problems.forbidden(reading ? "problem.apiKey.scopeRead"
                        : "problem.apiKey.scopeWrite")).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\"");
            }
            limits.hit("apikey:" + key.keyId(), key.perMinute(), Duration.ofMinutes(1));
            request.setAttribute(ATTRIBUTE, key);
            return null;
        } catch (ProblemException e) {
            return problems.of(request, e);
        }
    }
}
