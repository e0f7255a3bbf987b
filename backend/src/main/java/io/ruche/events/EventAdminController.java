package io.ruche.events;

import io.ruche.platform.Csv;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Events in the console: staff create, edit, publish and cancel them; hosts and staff see registrants, mark or import
 * attendance and export the list.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventAdminController {

    private final Events events;
    private final Attendance attendance;
    private final String publicUrl;

    public EventAdminController(Events events, Attendance attendance,
                                @Value("${ruche.public-url:http://localhost:8080}") String publicUrl) {
        this.events = events;
        this.attendance = attendance;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    @Serdeable
    public record Cancel(@Nullable @Size(max = 500, message = "validation.size") String reason) {
    }

    @Serdeable
    public record Present(@Size(max = 1000, message = "validation.size") List<String> usernames) {
    }

    @Serdeable
    public record Marked(int marked) {
    }

    @Post("/admin/events")
    @Secured("moderator")
    public HttpResponse<EventViews.Detail> create(@Body @Valid EventRequests.SaveEvent body, Viewer viewer) {
        return HttpResponse.created(events.create(viewer, body));
    }

    /** {@code scope=following}: this date of a series and the ones after it; otherwise this date only. */
    @Put("/admin/events/{id}")
    @Secured("moderator")
    public EventViews.Detail update(long id, @Body @Valid EventRequests.SaveEvent body,
                                    @io.micronaut.http.annotation.QueryValue(defaultValue = "one") String scope,
                                    Viewer viewer) {
        return events.update(viewer, id, body, "following".equals(scope));
    }

    @Post("/admin/events/{id}/publish")
    @Secured("moderator")
    public EventViews.Detail publish(long id, Viewer viewer) {
        EventViews.Detail draft = events.detail(viewer, id, null);
        return events.publish(viewer, id, publicUrl + "/events/" + id + "/" + draft.slug());
    }

    @Post("/admin/events/{id}/cancel")
    @Secured("moderator")
    public EventViews.Detail cancel(long id, @Body @Valid Cancel body, Viewer viewer) {
        return events.cancel(viewer, id, body.reason());
    }

    @Get("/events/{id}/registrants")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Attendance.Registrants registrants(long id, Viewer viewer) {
        return attendance.registrants(viewer, id);
    }

    /** The registrants as a spreadsheet: name, address (staff), status, guests, answers, attendance. */
    @Get("/events/{id}/registrants.csv")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<String> csv(long id, Viewer viewer) {
        StringBuilder out = new StringBuilder("username,name,email,status,guests,waitlist,answers,registered_at,attended_at,attendance\r\n");
        for (Attendance.Registrant r : attendance.registrants(viewer, id).items()) {
            out.append(String.join(",", Csv.cell(r.username()), Csv.cell(r.displayName()),
                    Csv.cell(r.email() == null ? "" : r.email()), Csv.cell(r.status()),
                    Csv.cell(String.valueOf(r.guests())),
                    Csv.cell(r.waitlistSeq() == null ? "" : String.valueOf(r.waitlistSeq())), Csv.cell(r.answers()),
                    Csv.cell(r.registeredAt().toString()), Csv.cell(r.attendedAt() == null ? "" : r.attendedAt().toString()),
                    Csv.cell(r.attendanceSource() == null ? "" : r.attendanceSource()))).append("\r\n");
        }
        return HttpResponse.ok(out.toString()).contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"event-" + id + "-registrants.csv\"");
    }

    @Post("/events/{id}/attendance")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Marked markPresent(long id, @Body @Valid Present body, Viewer viewer) {
        return new Marked(attendance.markPresent(viewer, id, body.usernames() == null ? List.of() : body.usernames()));
    }

    /** A CSV from the webinar tool (the file's text), matched to registrants by e-mail. */
    @Post("/events/{id}/attendance.csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Attendance.Imported importCsv(long id, @Body String csv, Viewer viewer) {
        return attendance.importCsv(viewer, id, csv == null ? "" : csv);
    }
}
