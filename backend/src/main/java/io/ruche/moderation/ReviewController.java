package io.ruche.moderation;

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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.CurrentMember;
import io.ruche.forum.ViewerResolver;
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
    private final ViewerResolver viewers;
    private final io.ruche.platform.RateLimiter rateLimiter;
    private final io.ruche.platform.ClientAddress clientAddress;
    private final int flagsPerAddress;

    public ReviewController(ReviewQueue queue,
                            ViewerResolver viewers,
                            io.ruche.platform.RateLimiter rateLimiter,
                            io.ruche.platform.ClientAddress clientAddress,
                            @io.micronaut.context.annotation.Value("${ruche.rate-limits.flags-per-address-hour:60}") int flagsPerAddress) {
        this.queue = queue;
        this.viewers = viewers;
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
    public HttpResponse<Void> flag(io.micronaut.http.HttpRequest<?> request, long id, Authentication authentication,
                                   @Body @Valid Flag body) {
        rateLimiter.hit("flag-address:" + clientAddress.of(request), flagsPerAddress, java.time.Duration.ofHours(1));
        queue.flag(viewers.of(authentication), id, body.reason(), body.note() == null ? "" : body.note());
        return HttpResponse.noContent();
    }

    /** The author's own posts waiting for review ("awaiting review" in the thread and on the new-thread page). */
    @Get("/me/pending")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ReviewQueue.Pending> pending(Authentication authentication, @QueryValue @Nullable Long thread) {
        return queue.pendingOf(CurrentMember.idOf(authentication), thread);
    }

    @Get("/admin/review")
    @Secured("moderator")
    public ReviewQueue.Page review(Authentication authentication, @QueryValue @Nullable String reason,
                                   @QueryValue @Nullable Long categoryId, @QueryValue @Nullable Integer olderThanHours,
                                   @QueryValue @Nullable Long after, @QueryValue(defaultValue = "20") int limit) {
        return queue.list(viewers.of(authentication), reason, categoryId, olderThanHours, after, limit);
    }

    @Post("/admin/review/{id}/claim")
    @Secured("moderator")
    public HttpResponse<Void> claim(long id, Authentication authentication) {
        queue.claim(viewers.of(authentication), id);
        return HttpResponse.noContent();
    }

    @Delete("/admin/review/{id}/claim")
    @Secured("moderator")
    public HttpResponse<Void> release(long id, Authentication authentication) {
        queue.release(viewers.of(authentication), id);
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
    public Done act(Authentication authentication, @Body @Valid Act body) {
        return new Done(queue.act(viewers.of(authentication), body.ids(), body.action(), body.reason(), body.hours()));
    }

    @Serdeable
    public record Edit(@NotBlank(message = "validation.required") @Size(max = 50_000) String body) {
    }

    @Post("/admin/review/{id}/edit")
    @Secured("moderator")
    public HttpResponse<Void> edit(long id, Authentication authentication, @Body @Valid Edit body) {
        queue.edit(viewers.of(authentication), id, body.body());
        return HttpResponse.noContent();
    }
}
