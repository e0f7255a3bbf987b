package io.ruche.forum;

import io.ruche.accounts.Viewer;

import jakarta.validation.constraints.Pattern;
import io.ruche.platform.TextRules;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** Moderators' thread tools: slow mode, close with a note, official replies, merge, split. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("moderator")
public class ThreadToolsController {

    private final ThreadTools tools;

    public ThreadToolsController(ThreadTools tools) {
        this.tools = tools;
    }

    @Serdeable
    public record SlowMode(int seconds) {
    }

    @Put("/threads/{id}/slow-mode")
    public HttpResponse<Void> slowMode(long id, Viewer viewer, @Body SlowMode body) {
        tools.slowMode(viewer, id, body.seconds());
        return HttpResponse.noContent();
    }

    @Serdeable
    public record Close(@NotBlank(message = "validation.required") @Size(max = 500, message = "validation.note")
                        String note) {
    }

    @Put("/threads/{id}/close")
    public HttpResponse<Void> close(long id, Viewer viewer, @Body @Valid Close body) {
        tools.close(viewer, id, body.note());
        return HttpResponse.noContent();
    }

    @Delete("/threads/{id}/close")
    public HttpResponse<Void> reopen(long id, Viewer viewer) {
        tools.close(viewer, id, null);
        return HttpResponse.noContent();
    }

    @Serdeable
    public record Official(boolean official) {
    }

    @Put("/posts/{id}/official")
    public HttpResponse<Void> official(long id, Viewer viewer, @Body Official body) {
        tools.official(viewer, id, body.official());
        return HttpResponse.noContent();
    }

    @Serdeable
    public record Merge(@NotNull(message = "validation.required") Long into) {
    }

    @Post("/threads/{id}/merge")
    public HttpResponse<Void> merge(long id, Viewer viewer, @Body @Valid Merge body) {
        tools.merge(viewer, id, body.into());
        return HttpResponse.noContent();
    }

    /** Threads this one could be merged into, for the picker (by title words or number). */
    @io.micronaut.http.annotation.Get("/threads/{id}/merge-targets")
    public List<ThreadTools.Target> mergeTargets(long id, Viewer viewer,
                                                 @io.micronaut.http.annotation.QueryValue(defaultValue = "") String q) {
        return tools.targets(viewer, id, q.length() > 200 ? q.substring(0, 200) : q);
    }

    @Serdeable
    public record Split(@NotNull(message = "validation.required") List<Long> postIds,
                        @NotBlank(message = "validation.required") @Size(min = 3, max = 200, message = "validation.title") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String title,
                        @NotNull(message = "validation.required") Long categoryId) {
    }

    @Post("/threads/{id}/split")
    public HttpResponse<Map<String, Long>> split(long id, Viewer viewer, @Body @Valid Split body) {
        long created = tools.split(viewer, id, body.postIds(), body.title(), body.categoryId());
        return HttpResponse.status(HttpStatus.CREATED).body(Map.of("threadId", created));
    }
}
