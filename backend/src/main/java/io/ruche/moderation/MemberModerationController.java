package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A member as staff see them: sanctions given and lifted, staff notes. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MemberModerationController {

    private final Sanctions sanctions;
    private final StaffTools staffTools;
    private final SiteAdministration administration;

    public MemberModerationController(Sanctions sanctions,
                                      StaffTools staffTools,
                                      SiteAdministration administration) {
        this.sanctions = sanctions;
        this.staffTools = staffTools;
        this.administration = administration;
    }

    @Serdeable
    public record Sanction(@NotNull(message = "validation.required") Sanctions.Kind kind,
                           @NotBlank(message = "validation.required") @Size(max = 500) String reason,
                           @Nullable Integer hours) {
    }

    @Get("/admin/members/{username}/sanctions")
    @Secured("moderator")
    public List<Sanctions.Sanction> sanctions(String username) {
        return sanctions.history(staffToolsMemberId(username));
    }

    @Post("/admin/members/{username}/sanctions")
    @Secured("moderator")
    public Sanctions.Sanction sanction(String username, Viewer viewer, @Body @Valid Sanction body) {
        Viewer staff = viewer;
        return sanctions.apply(staff.memberId(), staff.isAdmin(), username, body.kind(), body.reason(), body.hours());
    }

    @Serdeable
    public record Reason(@Nullable @Size(max = 500) String reason) {
    }

    @Post("/admin/sanctions/{id}/lift")
    @Secured("moderator")
    public HttpResponse<Void> lift(long id, Viewer viewer, @Body @Valid Reason body) {
        Viewer staff = viewer;
        sanctions.lift(staff.memberId(), staff.isAdmin(), id, body.reason());
        return HttpResponse.noContent();
    }

    @Serdeable
    public record NoteBody(@NotBlank(message = "validation.required") @Size(max = 2000) String body) {
    }

    @Get("/admin/members/{username}/notes")
    @Secured("moderator")
    public List<StaffTools.Note> notes(String username) {
        return staffTools.notes(username);
    }

    @Post("/admin/members/{username}/notes")
    @Secured("moderator")
    public List<StaffTools.Note> addNote(String username, Viewer viewer, @Body @Valid NoteBody body) {
        return staffTools.addNote(viewer.memberId(), username, body.body());
    }

    private long staffToolsMemberId(String username) {
        return administration.memberId(username);
    }
}
