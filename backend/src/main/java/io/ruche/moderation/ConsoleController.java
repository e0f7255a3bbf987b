package io.ruche.moderation;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** The console's home and shared tools: dashboard counts, the audit log, canned replies. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {

    private final AuditLog audit;
    private final StaffTools staffTools;
    private final Dashboard dashboard;

    public ConsoleController(AuditLog audit,
                             StaffTools staffTools,
                             Dashboard dashboard) {
        this.audit = audit;
        this.staffTools = staffTools;
        this.dashboard = dashboard;
    }

    @Get("/admin/dashboard")
    @Secured("moderator")
    public Dashboard.Counts dashboard(@QueryValue @Nullable String zone) {
        return dashboard.counts(zoneOf(zone));
    }

    @Get("/admin/canned-replies")
    @Secured("moderator")
    public List<StaffTools.Canned> canned() {
        return staffTools.canned();
    }

    @Serdeable
    public record CannedBody(@NotBlank(message = "validation.required") String title,
                             @NotBlank(message = "validation.required") String body) {
    }

    @Post("/admin/canned-replies")
    @Secured("moderator")
    public StaffTools.Canned addCanned(Viewer viewer, @Body @Valid CannedBody body) {
        return staffTools.addCanned(viewer.memberId(), body.title(), body.body());
    }

    @Delete("/admin/canned-replies/{id}")
    @Secured("moderator")
    public HttpResponse<Void> removeCanned(long id, Viewer viewer) {
        staffTools.removeCanned(viewer.memberId(), id);
        return HttpResponse.noContent();
    }

    @Get("/admin/audit")
    @Secured("moderator")
    public AuditLog.Page audit(@QueryValue @Nullable String action, @QueryValue @Nullable String actor,
                               @QueryValue @Nullable String q, @QueryValue @Nullable String from,
                               @QueryValue @Nullable String to, @QueryValue @Nullable String zone,
                               @QueryValue @Nullable Long before, @QueryValue(defaultValue = "50") int limit,
                               io.micronaut.http.HttpRequest<?> request) {
        return audit.search(filter(action, actor, q, from, to, zone), before, limit, messages.localeOf(request));
    }

    /** The actions the log holds, named in the reader's language (the filter's list). */
    @Get("/admin/audit/actions")
    @Secured("moderator")
    public List<AuditLog.ActionName> auditActions(io.micronaut.http.HttpRequest<?> request) {
        return audit.actions(messages.localeOf(request));
    }

    /** The filtered log as CSV; dates and times in {@code zone} (the reader's). */
    @Get("/admin/audit/export")
    @Secured("moderator")
    public HttpResponse<byte[]> auditCsv(@QueryValue @Nullable String action, @QueryValue @Nullable String actor,
                                         @QueryValue @Nullable String q, @QueryValue @Nullable String from,
                                         @QueryValue @Nullable String to, @QueryValue @Nullable String zone,
                                         @QueryValue(defaultValue = "en") String lang) {
        java.util.Locale locale = "fr".equals(lang) ? java.util.Locale.FRENCH : java.util.Locale.ENGLISH;
        String body = audit.csv(filter(action, actor, q, from, to, zone), locale, zoneOf(zone), mailTemplates.url(""));
        return HttpResponse.ok(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    }

    @jakarta.inject.Inject
    io.ruche.platform.Messages messages;

    @jakarta.inject.Inject
    io.ruche.mail.MailTemplates mailTemplates;

    private static java.time.ZoneId zoneOf(@Nullable String zone) {
        try {
            return zone == null || zone.isBlank() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw io.ruche.platform.Problems.invalidField("zone", "validation.zone");
        }
    }

    /** Dates (yyyy-mm-dd) are whole days in the reader's zone: from the start of {@code from} to the end of {@code to}. */
    private static AuditLog.Filter filter(@Nullable String action, @Nullable String actor, @Nullable String q,
                                          @Nullable String from, @Nullable String to, @Nullable String zone) {
        java.time.ZoneId z = zoneOf(zone);
        java.time.Instant start = day(from, "from", z, 0);
        java.time.Instant end = day(to, "to", z, 1);
        if (start != null && end != null && !start.isBefore(end)) {
            throw io.ruche.platform.Problems.invalidField("to", "validation.dateRange");
        }
        return new AuditLog.Filter(action, actor, q, start, end);
    }

    private static java.time.Instant day(@Nullable String value, String field, java.time.ZoneId zone, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw io.ruche.platform.Problems.invalidField(field, "validation.date");
        }
    }
}
