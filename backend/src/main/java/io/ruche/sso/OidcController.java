package io.ruche.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.SessionCookies;
import io.ruche.accounts.SessionService;
import io.ruche.accounts.Viewer;
import io.ruche.platform.ClientAddress;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Sign-in with the brand's accounts: {@code /auth/oidc/{slug}/start} sends the browser to the provider, the
 * provider sends it back to {@code /auth/oidc/callback}, which signs the member in (a session cookie, as a password
 * sign-in gives) or returns to the sign-in page saying why not. The console configures providers and "SSO only".
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class OidcController {

    private static final Logger LOG = LoggerFactory.getLogger(OidcController.class);
    static final String FLOW_COOKIE = "ruche_oidc";

    private final OidcProviders providers;
    private final OidcSignIn signIn;
    private final OidcTokens tokens;
    private final SessionService sessions;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;
    private final String publicUrl;

    public OidcController(OidcProviders providers, OidcSignIn signIn, OidcTokens tokens, SessionService sessions,
                          SessionCookies cookies, ClientAddress clientAddress,
                          @Value("${ruche.public-url:}") String publicUrl) {
        this.providers = providers;
        this.signIn = signIn;
        this.tokens = tokens;
        this.sessions = sessions;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
        this.publicUrl = publicUrl.strip();
    }

    /** The address providers send the browser back to: the configured public address, else the one asked. */
    private String callbackUrl(HttpRequest<?> request) {
        String base = publicUrl;
        if (base.isEmpty()) {
            String host = request.getHeaders().get("Host");
            base = (clientAddress.isSecure(request) ? "https://" : "http://") + (host == null ? "localhost:8080" : host);
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/auth/oidc/callback";
    }

    private static MutableHttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    @Get("/api/v1/auth/providers")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public OidcProviders.Public forSignIn() {
        return providers.forSignIn();
    }

    @Get("/auth/oidc/{slug}/start")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> start(HttpRequest<?> request, @PathVariable String slug, @Nullable @QueryValue("return") String returnTo) {
        OidcSignIn.Started started = signIn.start(slug, returnTo, callbackUrl(request));
        return redirect(started.redirect()).cookie(Cookie.of(FLOW_COOKIE, started.browserKey()).path("/auth/oidc")
                .httpOnly(true).sameSite(SameSite.Lax).secure(clientAddress.isSecure(request))
                .maxAge(Duration.ofMinutes(10)));
    }

    @Get("/auth/oidc/callback")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> callback(HttpRequest<?> request, @Nullable @QueryValue String state,
                                    @Nullable @QueryValue String code, @Nullable @QueryValue String error) {
        String browserKey = request.getCookies().findCookie(FLOW_COOKIE).map(Cookie::getValue).orElse(null);
        OidcSignIn.Flow flow = state == null ? null : signIn.consume(state, browserKey);
        MutableHttpResponse<?> response;
        if (flow == null) {
            response = redirect(OidcSignIn.failed("expired"));
        } else if (error != null || code == null) {
            response = redirect(OidcSignIn.failed("denied"));
        } else {
            response = finish(request, flow, code);
        }
        return response.cookie(Cookie.of(FLOW_COOKIE, "").path("/auth/oidc").maxAge(0));
    }

    private MutableHttpResponse<?> finish(HttpRequest<?> request, OidcSignIn.Flow flow, String code) {
        OidcProviders.Provider provider = providers.byId(flow.providerId());
        if (provider == null || !provider.enabled()) {
            return redirect(OidcSignIn.failed("expired"));
        }
        JWTClaimsSet claims;
        try {
            String idToken = tokens.exchange(provider, code, flow.verifier(), callbackUrl(request));
            claims = tokens.verify(provider, idToken, flow.nonce());
        } catch (OidcTokens.Refused e) {
            LOG.warn("Sign-in with {} refused: {}", provider.slug(), e.getMessage());
            return redirect(OidcSignIn.failed("refused"));
        }
        OidcSignIn.Outcome outcome = signIn.complete(provider, claims, flow.returnTo());
        MutableHttpResponse<?> response = redirect(outcome.redirect());
        if (outcome.member() != null) {
            String token = sessions.start(outcome.member(), clientAddress.of(request),
                    request.getHeaders().get("User-Agent"));
            cookies.set(request, response, token, sessions.ttl());
        }
        return response;
    }

    @Get("/auth/oidc/link/{token}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> confirmLink(@PathVariable String token) {
        return redirect(token.length() > 100 ? OidcSignIn.failed("link-expired") : signIn.confirmLink(token));
    }

    // ---- console ------------------------------------------------------------------------------------------------

    @Get("/api/v1/admin/sso/providers")
    @Secured("admin")
    public List<OidcProviders.View> list() {
        return providers.list();
    }

    @Post("/api/v1/admin/sso/providers")
    @Secured("admin")
    public HttpResponse<OidcProviders.View> create(Viewer viewer, @Valid @Body SsoRequests.SaveProvider request) {
        return HttpResponse.created(providers.create(viewer, request));
    }

    @Put("/api/v1/admin/sso/providers/{id}")
    @Secured("admin")
    public OidcProviders.View update(Viewer viewer, @PathVariable long id, @Valid @Body SsoRequests.SaveProvider request) {
        return providers.update(viewer, id, request);
    }

    @Delete("/api/v1/admin/sso/providers/{id}")
    @Secured("admin")
    public HttpResponse<Void> delete(Viewer viewer, @PathVariable long id) {
        providers.delete(viewer, id);
        return HttpResponse.noContent();
    }

    @Put("/api/v1/admin/sso/settings")
    @Secured("admin")
    public OidcProviders.Public settings(Viewer viewer, @Body SsoRequests.SsoOnly request) {
        return providers.setSsoOnly(viewer, request.ssoOnly());
    }
}
