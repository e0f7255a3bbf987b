package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** Profiles (public), profile editing (self or admin), the member directory and roles (admin). */
@Controller("/api/v1/members")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MemberController {

    private final AccountService accounts;

    public MemberController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get("/{username}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AccountViews.Profile profile(String username, Viewer viewer) {
        Member member = accounts.byUsername(username);
        boolean canEdit = viewer.isAdmin()
                || member.id().equals(viewer.memberId());
        return AccountViews.Profile.of(member, canEdit);
    }

    @Patch("/{username}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public AccountViews.Profile update(String username, @Body @Valid AccountRequests.UpdateProfile body,
                                      Viewer viewer) {
        Member member = accounts.updateProfile(viewer.memberId(),
                viewer.isAdmin(), username, body);
        return AccountViews.Profile.of(member, true);
    }

    /**
     * The member's avatar: the one they uploaded (a redirect to it, for a few minutes, so a new one shows soon), or
     * a generated one: the initials on a colour derived from the username.
     */
    @Get(value = "/{username}/avatar.svg", produces = "image/svg+xml")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> avatar(String username) {
        Member member = accounts.byUsername(username);
        String uploaded = accounts.avatarKeyOf(member.id());
        if (uploaded != null) {
            return HttpResponse.<String>status(io.micronaut.http.HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, "/uploads/" + uploaded + "/avatar.png")
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        }
        return HttpResponse.ok(AvatarRenderer.svg(member.username(), member.displayName()))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    /** The member directory: staff look members up to sanction them or read their notes. */
    @Get
    @Secured("moderator")
    public AccountViews.MemberPage directory(@QueryValue @Nullable String q,
                                             @QueryValue(defaultValue = "0") long after,
                                             @QueryValue(defaultValue = "50") int limit) {
        return accounts.directory(q, after, limit);
    }

    @Put("/{username}/role")
    @Secured("admin")
    public AccountViews.Profile setRole(String username, @Body @Valid AccountRequests.SetRole body) {
        return AccountViews.Profile.of(accounts.setRole(username, body.role()), true);
    }
}
