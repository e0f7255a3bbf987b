package io.ruche.notifications;

import io.ruche.accounts.Viewer;

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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
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

    public NotificationController(NotificationService notifications, NotificationPreferences preferences) {
        this.notifications = notifications;
        this.preferences = preferences;
    }

    @Get("/notifications")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationViews.Page list(Viewer viewer, @QueryValue @Nullable Long before,
                                       @QueryValue(defaultValue = "false") boolean unread,
                                       @QueryValue(defaultValue = "20") int limit) {
        return notifications.list(viewer, before, unread, limit);
    }

    @Get("/notifications/unread-count")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationViews.UnreadCount unread(Viewer viewer) {
        return new NotificationViews.UnreadCount(notifications.unreadCount(viewer.memberId()));
    }

    @Post("/notifications/{id}/read")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationViews.UnreadCount read(Viewer viewer, long id) {
        return new NotificationViews.UnreadCount(notifications.markRead(viewer.memberId(), id));
    }

    @Post("/notifications/read-all")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> readAll(Viewer viewer) {
        notifications.markAllRead(viewer.memberId());
        return HttpResponse.noContent();
    }

    @Get("/notifications/preferences")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationPreferences.Settings settings(Viewer viewer) {
        return preferences.settings(viewer.memberId());
    }

    @Serdeable
    public record SaveSettings(@NotNull(message = "validation.required") Map<NotificationKind, Channel> channels,
                               @NotNull(message = "validation.required") Digest digest,
                               int digestHour,
                               @NotBlank(message = "validation.required") @Size(max = 64) String timeZone) {
    }

    @Put("/notifications/preferences")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public NotificationPreferences.Settings save(Viewer viewer, @Body @Valid SaveSettings body) {
        return preferences.save(viewer.memberId(), body.channels(), body.digest(),
                body.digestHour(), body.timeZone());
    }

    @Serdeable
    public record StaffMessage(@NotBlank(message = "validation.required")
                               @Size(max = 500, message = "validation.staffMessage") String text) {
    }

    /** A moderator writes to a member; it reaches them as a notification and, by default, a mail. */
    @Post("/members/{username}/staff-messages")
    @Secured({"moderator"})
    public HttpResponse<Void> staffMessage(Viewer viewer, String username,
                                           @Body @Valid StaffMessage body) {
        notifications.staffMessage(viewer, username, body.text());
        return HttpResponse.noContent();
    }
}
