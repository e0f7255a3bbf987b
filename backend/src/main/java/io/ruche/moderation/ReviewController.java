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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;

/** Members flag posts and see what of theirs waits; moderators work the review queue: list, claim, act, edit. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReviewController {

    private final ReviewQueue queue;
    private final io.ruche.platform.RateLimiter rateLimiter;
    private final io.ruche.platform.ClientAddress clientAddress;
    private final int flagsPerAddress;

    public ReviewController(ReviewQueue queue,
                            io.ruche.platform.RateLimiter rateLimiter,
                            io.ruche.platform.ClientAddress clientAddress,
                            @io.micronaut.context.annotation.Value("${ruche.rate-limits.flags-per-address-hour:60}") int flagsPerAddress) {
        this.queue = queue;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
        this.flagsPerAddress = flagsPerAddress;
    }

    @Serdeable
    public record Flag(@NotBlank(message = "validation.required") String reason,
                       @Nullable @Size(max = 500, message = "validation.size") String note) {
    }

    @Post("/posts/{id}/flags")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> flag(io.micronaut.http.HttpRequest<?> request, long id, Viewer viewer,
                                   @Body @Valid Flag body) {
        rateLimiter.hit("flag-address:" + clientAddress.of(request), flagsPerAddress, java.time.Duration.ofHours(1));
        queue.flag(viewer, id, body.reason(), body.note() == null ? "" : body.note());
        return HttpResponse.noContent();
    }

    /** The author's own posts waiting for review ("awaiting review" in the thread and on the new-thread page). */
    @Get("/me/pending")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ReviewQueue.Pending> pending(Viewer viewer, @QueryValue @Nullable Long thread) {
        return queue.pendingOf(viewer.memberId(), thread);
    }

    @Get("/admin/review")
    @Secured("moderator")
    public ReviewQueue.Page review(Viewer viewer, @QueryValue @Nullable String reason,
                                   @QueryValue @Nullable Long categoryId, @QueryValue @Nullable Integer olderThanHours,
                                   @QueryValue @Nullable Long after, @QueryValue(defaultValue = "20") int limit) {
        return queue.list(viewer, reason, categoryId, olderThanHours, after, limit);
    }

    @Post("/admin/review/{id}/claim")
    @Secured("moderator")
    public HttpResponse<Void> claim(long id, Viewer viewer) {
        queue.claim(viewer, id);
        return HttpResponse.noContent();
    }

    @Delete("/admin/review/{id}/claim")
    @Secured("moderator")
    public HttpResponse<Void> release(long id, Viewer viewer) {
        queue.release(viewer, id);
        return HttpResponse.noContent();
    }

    @Serdeable
    public record Act(@NotNull(message = "validation.required") List<Long> ids,
                      @NotNull(message = "validation.required") ReviewQueue.Action action,
                      @Nullable @Size(max = 500, message = "validation.size") String reason,
                      @Nullable Integer hours) {
    }

    @Serdeable
    public record Done(int count) {
    }

    @Post("/admin/review/actions")
    @Secured("moderator")
    public Done act(Viewer viewer, @Body @Valid Act body) {
        return new Done(queue.act(viewer, body.ids(), body.action(), body.reason(), body.hours()));
    }

    @Serdeable
    public record Edit(@NotBlank(message = "validation.required") @Size(max = 50_000) String body) {
    }

    @Post("/admin/review/{id}/edit")
    @Secured("moderator")
    public HttpResponse<Void> edit(long id, Viewer viewer, @Body @Valid Edit body) {
        queue.edit(viewer, id, body.body());
        return HttpResponse.noContent();
    }
}
