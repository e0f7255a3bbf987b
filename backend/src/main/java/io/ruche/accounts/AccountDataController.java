package io.ruche.accounts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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

/** The signed-in member's data: its export, and the deletion of the account. Only ever the caller's own. */
@Controller("/api/v1/account")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AccountDataController {

    private final AccountDeletion deletion;
    private final DataExports exports;

    public AccountDataController(AccountDeletion deletion, DataExports exports) {
        this.deletion = deletion;
        this.exports = exports;
    }

    @Serdeable
    public record DeleteAccount(@NotBlank(message = "validation.required") @Size(max = 200) String password) {
    }

    @Get("/deletion")
    public AccountDeletion.DeletionView deletion(Viewer viewer) {
        return deletion.status(viewer.requireMember());
    }

    /** Schedules the deletion a week ahead (the password proves it is the owner asking). */
    @Post("/deletion")
    public AccountDeletion.DeletionView requestDeletion(Viewer viewer, @Body @Valid DeleteAccount body) {
        return deletion.request(viewer.requireMember(), body.password());
    }

    @Delete("/deletion")
    public AccountDeletion.DeletionView cancelDeletion(Viewer viewer) {
        return deletion.cancel(viewer.requireMember());
    }

    @Get("/exports")
    public List<DataExports.ExportView> exports(Viewer viewer) {
        return exports.list(viewer.requireMember());
    }

    @Post("/exports")
    public HttpResponse<DataExports.ExportView> requestExport(Viewer viewer) {
        return HttpResponse.accepted().body(exports.request(viewer.requireMember()));
    }

    @Get(value = "/exports/{id}/download", produces = "application/zip")
    public HttpResponse<byte[]> download(Viewer viewer, @PathVariable long id) {
        DataExports.Download zip = exports.download(viewer.requireMember(), id);
        return HttpResponse.ok(zip.content()).contentType(MediaType.of("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"" + zip.fileName() + "\"")
                .header("Cache-Control", "private, no-store");
    }
}
