package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Messages;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.SiteSettings;

import java.time.Duration;

/** Members at trust level 2 and above invite people themselves (a few a day); staff always may. */
@Controller("/api/v1/invites")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MemberInviteController {

    static final int MIN_TRUST = 2;
    private static final int PER_DAY = 5;

    private final Invites invites;
    private final AccountService accounts;
    private final SiteSettings site;
    private final RateLimiter rateLimiter;
    private final Messages messages;

    public MemberInviteController(Invites invites, AccountService accounts, SiteSettings site, RateLimiter rateLimiter,
                                  Messages messages) {
        this.invites = invites;
        this.accounts = accounts;
        this.site = site;
        this.rateLimiter = rateLimiter;
        this.messages = messages;
    }

    @Serdeable
    public record Invite(@Nullable String email) {
    }

    @Post
    public HttpResponse<Invites.Created> invite(HttpRequest<?> request, @Body Invite body, Viewer viewer) {
        long id = viewer.requireMember();
        if (!viewer.isStaff() && accounts.standing(id).trustLevel(site.settings().trustedAfterPosts()) < MIN_TRUST) {
            throw Problems.forbidden("problem.trustTooLow");
        }
        rateLimiter.hit("invite:" + id, PER_DAY, Duration.ofDays(1));
        return HttpResponse.status(HttpStatus.CREATED).body(invites.create(id, body.email(), messages.localeOf(request)));
    }
}
