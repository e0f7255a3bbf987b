package io.ruche.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.mail.UnsubscribeTokens;
import io.ruche.platform.Problems;


/**
 * Unsubscribing from a mail, without signing in: the signed token in the path names the member and the kind of
 * mail. {@code POST} is also what mail providers send for one-click unsubscribe (RFC 8058), with a form body.
 */
@Controller("/api/v1/mail/unsubscribe")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UnsubscribeController {

    private final UnsubscribeTokens tokens;
    private final NotificationPreferences preferences;
    public UnsubscribeController(UnsubscribeTokens tokens, NotificationPreferences preferences) {
        this.tokens = tokens;
        this.preferences = preferences;
    }

    /** What the link is about, for the confirmation page: the scope and the (partly hidden) address. */
    @Serdeable
    public record State(String scope, String email) {
    }

    @Get("/{token}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public State state(String token) {
        UnsubscribeTokens.Claim claim = claim(token);
        return new State(claim.scope(), masked(claim.memberId()));
    }

    @Post("/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
            MediaType.ALL})
    @Secured(SecurityRule.IS_ANONYMOUS)
    public State unsubscribe(String token, @QueryValue @Nullable Boolean all) {
        UnsubscribeTokens.Claim claim = claim(token);
        String scope = Boolean.TRUE.equals(all) ? "ALL" : claim.scope();
        if (!preferences.unsubscribe(claim.memberId(), scope)) {
            throw Problems.notFound("unsubscribe");
        }
        return new State(scope, masked(claim.memberId()));
    }

    private UnsubscribeTokens.Claim claim(String token) {
        return tokens.verify(token).orElseThrow(() -> Problems.notFound("unsubscribe"));
    }

    private String masked(long memberId) {
        return preferences.maskedEmail(memberId);
    }
}
