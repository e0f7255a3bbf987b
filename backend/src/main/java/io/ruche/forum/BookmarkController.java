package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The signed-in member's bookmarks; only ever their own. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class BookmarkController {

    private final Bookmarks bookmarks;

    public BookmarkController(Bookmarks bookmarks) {
        this.bookmarks = bookmarks;
    }

    @Serdeable
    public record SaveBookmark(@Nullable @Size(max = 300, message = "validation.size") String note,
                               @Nullable Instant remindAt) {
    }

    @Put("/posts/{id}/bookmark")
    public Bookmarks.BookmarkView save(Viewer viewer, @PathVariable long id, @Body @Valid SaveBookmark body) {
        return bookmarks.save(viewer, id, body.note() == null ? "" : body.note(), body.remindAt());
    }

    @Delete("/posts/{id}/bookmark")
    public HttpResponse<Void> remove(Viewer viewer, @PathVariable long id) {
        bookmarks.remove(viewer, id);
        return HttpResponse.noContent();
    }

    @Get("/me/bookmarks{?after}")
    public Bookmarks.BookmarkPage list(Viewer viewer, @Nullable @QueryValue Long after) {
        return bookmarks.list(viewer, after);
    }

    @Get("/threads/{id}/bookmarks")
    public List<Long> inThread(Viewer viewer, @PathVariable long id) {
        return bookmarks.inThread(viewer, id);
    }
}
