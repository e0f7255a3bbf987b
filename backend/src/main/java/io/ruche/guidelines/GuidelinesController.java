package io.ruche.guidelines;

import io.micronaut.http.annotation.Body;
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
import jakarta.validation.constraints.NotBlank;

/** The community guidelines: everyone reads them; members say they read them to the end; admins edit them. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GuidelinesController {

    private final Guidelines guidelines;

    public GuidelinesController(Guidelines guidelines) {
        this.guidelines = guidelines;
    }

    @Serdeable
    public record Edit(@NotBlank(message = "validation.required") String body) {
    }

    @Serdeable
    public record Read(java.time.Instant readAt) {
    }

    @Get("/guidelines")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Guidelines.Page page(Viewer viewer) {
        return guidelines.page(viewer);
    }

    /** Sent by the page when its last line comes into view; idempotent. */
    @Post("/guidelines/read")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Read read(Viewer viewer) {
        return new Read(guidelines.markRead(viewer));
    }

    @Put("/admin/guidelines/{language}")
    @Secured("admin")
    public Guidelines.Text edit(String language, @Body @Valid Edit body, Viewer viewer) {
        return guidelines.save(viewer, language, body.body());
    }
}
