package io.ruche.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The signed-in member's password and sessions. Only ever the caller's own account. */
@Controller("/api/v1/account")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AccountSecurityController {

    private final AccountSecurity security;
    private final SessionCookies cookies;

    public AccountSecurityController(AccountSecurity security, SessionCookies cookies) {
        this.security = security;
        this.cookies = cookies;
    }

    @Serdeable
    public record ChangePassword(@NotBlank(message = "validation.required") @Size(max = 200) String currentPassword,
                                 @NotBlank(message = "validation.required") @Size(max = 200) String newPassword) {
    }

    @Serdeable
    public record Ended(int ended) {
    }

    /** 204; the other browsers of the account are signed out, this one stays. */
    @Post("/password")
    public HttpResponse<Void> changePassword(HttpRequest<?> request, Viewer viewer,
                                             @Body @Valid ChangePassword body) {
        security.changePassword(viewer.requireMember(), cookies.tokenOf(request), body.currentPassword(),
                body.newPassword());
        return HttpResponse.noContent();
    }

    @Get("/sessions")
    public List<AccountSecurity.SessionView> sessions(HttpRequest<?> request, Viewer viewer) {
        return security.sessions(viewer.requireMember(), cookies.tokenOf(request));
    }

    /** Signs one of the member's browsers out (this one too, if named). */
    @Delete("/sessions/{id}")
    public HttpResponse<Void> endSession(Viewer viewer, @PathVariable String id) {
        security.endSession(viewer.requireMember(), id);
        return HttpResponse.noContent();
    }

    /** Signs out every other browser of the account. */
    @Post("/sessions/end-others")
    public Ended endOthers(HttpRequest<?> request, Viewer viewer) {
        return new Ended(security.endOthers(viewer.requireMember(), cookies.tokenOf(request)));
    }
}
