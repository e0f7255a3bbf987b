package io.ruche.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.CurrentMember;
import io.ruche.forum.ViewerResolver;
import io.ruche.notifications.NotificationKind.Channel;
import io.ruche.accounts.DigestSchedule.Digest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** The member's inbox and notification settings; staff messages to a member. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {

    private final NotificationService notifications;
    private final NotificationPreferences preferences;
    private final ViewerResolver viewers;

    public NotificationController(NotificationService notifications, NotificationPreferences preferences,
                                  ViewerResolver viewers) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.viewers = viewers;
    }

    @Get("/notifications")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationViews.Page list(Authentication authentication, @QueryValue @Nullable Long before,
                                       @QueryValue(defaultValue = "false") boolean unread,
                                       @QueryValue(defaultValue = "20") int limit) {
        return notifications.list(viewers.of(authentication), before, unread, limit);
    }

    @Get("/notifications/unread-count")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationViews.UnreadCount unread(Authentication authentication) {
        return new NotificationViews.UnreadCount(notifications.unreadCount(CurrentMember.idOf(authentication)));
    }

    @Post("/notifications/{id}/read")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationViews.UnreadCount read(Authentication authentication, long id) {
        return new NotificationViews.UnreadCount(notifications.markRead(CurrentMember.idOf(authentication), id));
    }

    @Post("/notifications/read-all")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> readAll(Authentication authentication) {
        notifications.markAllRead(CurrentMember.idOf(authentication));
        return HttpResponse.noContent();
    }

    @Get("/notifications/preferences")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationPreferences.Settings settings(Authentication authentication) {
        return preferences.settings(CurrentMember.idOf(authentication));
    }

    @Serdeable
    public record SaveSettings(@NotNull(message = "validation.required") Map<NotificationKind, Channel> channels,
                               @NotNull(message = "validation.required") Digest digest,
                               int digestHour,
                               @NotBlank(message = "validation.required") @Size(max = 64) String timeZone) {
    }

    @Put("/notifications/preferences")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationPreferences.Settings save(Authentication authentication, @Body @Valid SaveSettings body) {
        return preferences.save(CurrentMember.idOf(authentication), body.channels(), body.digest(),
                body.digestHour(), body.timeZone());
    }

    @Serdeable
    public record StaffMessage(@NotBlank(message = "validation.required")
                               @Size(max = 500, message = "validation.staffMessage") String text) {
    }

    /** A moderator writes to a member; it reaches them as a notification and, by default, a mail. */
    @Post("/members/{username}/staff-messages")
    @Secured({"moderator"})
    public HttpResponse<Void> staffMessage(Authentication authentication, String username,
                                           @Body @Valid StaffMessage body) {
        notifications.staffMessage(viewers.of(authentication), username, body.text());
        return HttpResponse.noContent();
    }
}
