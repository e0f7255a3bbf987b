package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.platform.ClientAddress;
import jakarta.validation.Valid;

/** The current session: who is browsing, signing in with username or e-mail, and signing out. */
@Controller("/api/v1/session")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionController {

    private final SessionService sessions;
    private final AccountService accounts;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;

    public SessionController(SessionService sessions, AccountService accounts, SessionCookies cookies,
                             ClientAddress clientAddress) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AccountViews.Session current(Viewer viewer) {
        Long id = viewer.memberId();
        boolean setupRequired = accounts.setupRequired();
        if (id == null) {
            return new AccountViews.Session(false, null, setupRequired);
        }
        Member member = accounts.byId(id);
        return new AccountViews.Session(true, AccountViews.Self.of(member), setupRequired);
    }

    @Post
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<AccountViews.Self> signIn(HttpRequest<?> request, @Body @Valid AccountRequests.SignIn body) {
        SessionService.Started started = sessions.signIn(body.login(), body.password(), clientAddress.of(request),
                request.getHeaders().get("User-Agent"), cookies.deviceOf(request));
        MutableHttpResponse<AccountViews.Self> response = HttpResponse.ok(AccountViews.Self.of(started.member()));
        cookies.set(request, response, started.token(), sessions.ttl());
        cookies.setDevice(request, response, started.deviceCookie());
        return response;
    }

    @Delete
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> signOut(HttpRequest<?> request) {
        sessions.signOut(cookies.tokenOf(request));
        MutableHttpResponse<?> response = HttpResponse.noContent();
        cookies.clear(request, response);
        return response;
    }
}
