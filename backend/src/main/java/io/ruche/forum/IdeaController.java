package io.ruche.forum;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Ideas: votes (members), status (staff), the public roadmap, and the vote budget (admins). */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IdeaController {

    private final Ideas ideas;

    public IdeaController(Ideas ideas) {
        this.ideas = ideas;
    }

    @Serdeable
    public record SetStatus(
            @NotNull(message = "validation.ideaStatus")
            @Pattern(regexp = "UNDER_REVIEW|PLANNED|IN_PROGRESS|DONE|DECLINED", message = "validation.ideaStatus")
            String status,
            @Size(max = 1000, message = "validation.size") String note) {
    }

    @Serdeable
    public record Budget(@Min(value = 0, message = "validation.ideaBudget") @Max(value = 1000,
            message = "validation.ideaBudget") int budget) {
    }

    @Get("/threads/{id}/idea")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Ideas.IdeaView idea(Viewer viewer, @PathVariable long id) {
        return ideas.view(viewer, id);
    }

    @Put("/threads/{id}/vote")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Ideas.IdeaView vote(Viewer viewer, @PathVariable long id) {
        return ideas.vote(viewer, id);
    }

    @Delete("/threads/{id}/vote")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Ideas.IdeaView unvote(Viewer viewer, @PathVariable long id) {
        return ideas.unvote(viewer, id);
    }

    /** Staff only (403 for members): the voters and the author hear of it with the note. */
    @Put("/threads/{id}/idea-status")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Ideas.IdeaView setStatus(Viewer viewer, @PathVariable long id, @Body @Valid SetStatus body) {
        return ideas.setStatus(viewer, id, Ideas.Status.valueOf(body.status()), body.note() == null ? "" : body.note());
    }

    @Get("/ideas/roadmap")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<Ideas.RoadmapColumn> roadmap(Viewer viewer) {
        return ideas.roadmap(viewer);
    }

    @Get("/admin/ideas")
    @Secured("admin")
    public Budget budget() {
        return new Budget(ideas.budget());
    }

    @Put("/admin/ideas")
    @Secured("admin")
    public Budget setBudget(@Body @Valid Budget body) {
        return new Budget(ideas.setBudget(body.budget()));
    }
}
