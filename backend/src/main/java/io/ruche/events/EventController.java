package io.ruche.events;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;

import java.time.Instant;
import java.util.List;

/** Events as members see them: lists, an event's page, registering, the waitlist's offers, joining, calendars. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventController {

    private final Events events;
    private final Registrations registrations;
    private final Attendance attendance;
    private final EventCalendars calendars;

    public EventController(Events events, Registrations registrations, Attendance attendance,
                           EventCalendars calendars) {
        this.events = events;
        this.registrations = registrations;
        this.attendance = attendance;
        this.calendars = calendars;
    }

    /** Upcoming events (or past ones with {@code past=true}) the viewer may see, by start time. */
    @Get("/api/v1/events")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public EventViews.Page list(@QueryValue @Nullable Instant from, @QueryValue @Nullable Instant to,
                                @QueryValue @Nullable EventKind kind, @QueryValue(defaultValue = "false") boolean past,
                                @QueryValue @Nullable String after, @QueryValue(defaultValue = "20") int limit,
                                @QueryValue @Nullable String q, Viewer viewer) {
        if (q != null && q.length() > 200) {
            throw io.ruche.platform.Problems.invalidField("q", "validation.size");
        }
        return events.list(viewer, from, to, kind, past, after, limit, q);
    }

    @Get("/api/v1/events/mine")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<EventViews.Summary> mine(Viewer viewer) {
        return events.mine(viewer);
    }

    @Get("/api/v1/events/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public EventViews.Detail detail(long id, Viewer viewer) {
        return events.detail(viewer, id, viewer.isMember() ? registrations.mine(id, viewer.memberId()) : null);
    }

    @Post("/api/v1/events/{id}/registration")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventViews.Detail register(long id, @Body @Valid EventRequests.Register body, Viewer viewer) {
        Registrations.Mine mine = body.wholeSeries() ? registrations.registerSeries(viewer, id, body)
                : registrations.register(viewer, id, body);
        return events.detail(viewer, id, mine);
    }

    @Delete("/api/v1/events/{id}/registration")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventViews.Detail cancel(long id, Viewer viewer) {
        registrations.cancel(viewer, id);
        return events.detail(viewer, id, registrations.mine(id, viewer.memberId()));
    }

    /** The member takes the seat offered to them from the waitlist. */
    @Post("/api/v1/events/{id}/registration/claim")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventViews.Detail claim(long id, Viewer viewer) {
        Registrations.Mine mine = registrations.claim(viewer, id);
        return events.detail(viewer, id, mine);
    }

    /** The join link, for registrants from the join window on; the click counts as attendance. */
    @Post("/api/v1/events/{id}/join")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Attendance.Join join(long id, Viewer viewer) {
        return attendance.join(viewer, id);
    }

    @Put("/api/v1/events/{id}/recording")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventViews.Detail recording(long id, @Body @Valid EventRequests.Recording body, Viewer viewer) {
        events.recording(viewer, id, body);
        return events.detail(viewer, id, registrations.mine(id, viewer.memberId()));
    }

    /** One event as a calendar file ("add to calendar"). */
    @Get("/api/v1/events/{id}/event.ics")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> ics(long id, Viewer viewer) {
        return calendar(calendars.one(viewer, id), "event-" + id + ".ics");
    }

    /** The public events of the forum, for calendar programs to subscribe to. */
    @Get("/events.ics")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> feed() {
        return calendar(calendars.publicFeed(), "events.ics");
    }

    /** A member's private feed of the events they registered for (the token is the key; revoked by a new one). */
    @Get("/events/feed/{token}.ics")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> memberFeed(String token) {
        return calendar(calendars.memberFeed(token), "my-events.ics");
    }

    /** A new private feed address (the old one stops working). */
    @Post("/api/v1/me/event-feed")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventCalendars.Feed newFeed(Viewer viewer) {
        return calendars.newFeed(viewer);
    }

    static HttpResponse<String> calendar(String body, String filename) {
        return HttpResponse.ok(body).contentType(new MediaType("text/calendar; charset=utf-8"))
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .header("Cache-Control", "private, max-age=300");
    }
}
