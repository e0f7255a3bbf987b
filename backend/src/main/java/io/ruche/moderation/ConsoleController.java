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
    public Dashboard.Counts dashboard() {
        return dashboard.counts();
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
                               @QueryValue @Nullable String q, @QueryValue @Nullable Long before,
                               @QueryValue(defaultValue = "50") int limit) {
        return audit.search(action, actor, q, before, limit);
    }
}
