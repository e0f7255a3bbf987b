package io.ruche.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.platform.ClientAddress;
import jakarta.validation.Valid;

/** Sign-up, and the one-time setup that creates the first administrator. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountController {

    private final AccountService accounts;
    private final SessionService sessions;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;

    public AccountController(AccountService accounts, SessionService sessions, SessionCookies cookies,
                             ClientAddress clientAddress) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
    }

    /**
     * Registers a member. When the site verifies addresses the answer is always 202 "check your mailbox" (the
     * account is used from the mail's link on), whether the address was new or not; otherwise 201, signed in.
     */
    @Post("/accounts")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> register(HttpRequest<?> request, @Body @Valid AccountRequests.Register body) {
        java.util.Optional<Member> member = accounts.register(body, clientAddress.of(request));
        if (accounts.verificationRequired()) {
            return HttpResponse.accepted().body(new AccountViews.VerificationSent(true, body.email().strip()));
        }
        return signedIn(request, member.orElseThrow(), HttpStatus.CREATED);
    }

    @Get("/setup")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public SetupState setupState() {
        return new SetupState(accounts.setupRequired());
    }

    /** Creates the first administrator; refused (403) as soon as one exists. */
    @Post("/setup")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<AccountViews.Self> setup(HttpRequest<?> request, @Body @Valid AccountRequests.Register body) {
        Member admin = accounts.createFirstAdmin(body);
        return signedIn(request, admin, HttpStatus.CREATED);
    }

    /** Sends the address verification mail again. */
    @Post("/account/verification")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> resendVerification(HttpRequest<?> request, Viewer viewer) {
        accounts.resendVerification(viewer.memberId(), clientAddress.of(request));
        return HttpResponse.accepted();
    }

    /** The link of the verification mail lands here (through the page it opens); no sign-in needed. */
    @Post("/account/verification/confirm")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<AccountViews.Self> confirmVerification(HttpRequest<?> request,
                                                               @Body @Valid AccountRequests.TokenOnly body) {
        // The link proves the mailbox: the member is signed in on the browser that opened it.
        return signedIn(request, accounts.confirmVerification(body.token()), HttpStatus.OK);
    }

    /** Always 202: whether the address has an account is not revealed. */
    @Post("/account/password-reset")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Void> requestReset(HttpRequest<?> request, @Body @Valid AccountRequests.ResetRequest body) {
        accounts.requestPasswordReset(body.email(), clientAddress.of(request));
        return HttpResponse.accepted();
    }

    @Post("/account/password-reset/confirm")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Void> reset(@Body @Valid AccountRequests.ResetPassword body) {
        accounts.resetPassword(body.token(), body.password());
        return HttpResponse.noContent();
    }

    /** Starts an address change; the new address gets a confirmation link. */
    @Post("/account/email")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> changeEmail(Viewer viewer, @Body @Valid AccountRequests.ChangeEmail body) {
        accounts.requestEmailChange(viewer.memberId(), body.email(), body.password());
        return HttpResponse.accepted();
    }

    @Post("/account/email/confirm")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Void> confirmEmail(@Body @Valid AccountRequests.TokenOnly body) {
        accounts.confirmEmailChange(body.token());
        return HttpResponse.noContent();
    }

    private MutableHttpResponse<AccountViews.Self> signedIn(HttpRequest<?> request, Member member, HttpStatus status) {
        String token = sessions.start(member, clientAddress.of(request),
                request.getHeaders().get("User-Agent"));
        MutableHttpResponse<AccountViews.Self> response = HttpResponse.<AccountViews.Self>status(status)
                .body(AccountViews.Self.of(member));
        cookies.set(request, response, token, sessions.ttl());
        return response;
    }

    @io.micronaut.serde.annotation.Serdeable
    public record SetupState(boolean required) {
    }
}
