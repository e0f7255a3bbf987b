package io.ruche.accounts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/** The members a member blocked; only ever their own list. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class BlockController {

    private final Blocks blocks;

    public BlockController(Blocks blocks) {
        this.blocks = blocks;
    }

    @Get("/me/blocks")
    public List<Blocks.BlockedView> blocked(Viewer viewer) {
        return blocks.blocked(viewer.requireMember());
    }

    @Put("/members/{username}/block")
    public HttpResponse<Void> block(Viewer viewer, @PathVariable String username) {
        blocks.block(viewer.requireMember(), username);
        return HttpResponse.noContent();
    }

    @Delete("/members/{username}/block")
    public HttpResponse<Void> unblock(Viewer viewer, @PathVariable String username) {
        blocks.unblock(viewer.requireMember(), username);
        return HttpResponse.noContent();
    }
}
