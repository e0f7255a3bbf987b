package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.List;

/** Categories: the tree anyone reads (what they may see of it), and its administration. */
@Controller("/api/v1/categories")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CategoryController {

    private final CategoryService categories;
    private final ThreadService threads;

    public CategoryController(CategoryService categories, ThreadService threads) {
        this.categories = categories;
        this.threads = threads;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<ForumViews.CategoryView> tree(Viewer viewer) {
        return categories.tree(viewer);
    }

    /** Threads of a category, keyset-paged; {@code sort} is latest, top or unanswered. */
    @Get("/{slug}/follow")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.FollowState followLevel(String slug, Viewer viewer) {
        return categories.followLevel(viewer, slug);
    }

    /** Watch (told of every new thread), track, mute (silence the category), or null to go back to normal. */
    @io.micronaut.http.annotation.Put("/{slug}/follow")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.FollowState follow(String slug, Viewer viewer,
                                         @Body @Valid ForumRequests.CategoryFollow body) {
        return categories.follow(viewer, slug, body.level());
    }

    @Get("/{slug}/threads")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public io.micronaut.http.HttpResponse<?> threads(String slug, @QueryValue @Nullable String sort,
                                        @QueryValue @Nullable String after,
                                        @QueryValue(defaultValue = "30") int limit,
                                        Viewer viewer, io.micronaut.http.HttpRequest<?> request) {
        if (viewer.isMember()) {
            return io.micronaut.http.HttpResponse.ok(threads.inCategory(viewer, slug, ThreadQueries.Sort.parse(sort),
                    after, limit));
        }
        return guestJson.answer(request, "api:category:" + slug + ":" + sort + ":" + after + ":" + limit,
                java.util.Set.of(ForumCacheTags.LISTS),
                () -> threads.inCategory(viewer, slug, ThreadQueries.Sort.parse(sort), after, limit));
    }

    @Post
    @Secured("admin")
    public HttpResponse<ForumViews.CategoryRef> create(@Body @Valid ForumRequests.SaveCategory body) {
        return HttpResponse.status(HttpStatus.CREATED).body(ForumViews.CategoryRef.of(categories.create(body)));
    }

    @Patch("/{id}")
    @Secured("admin")
    public ForumViews.CategoryRef update(long id, @Body @Valid ForumRequests.SaveCategory body) {
        return ForumViews.CategoryRef.of(categories.update(id, body));
    }

    @Delete("/{id}")
    @Secured("admin")
    public HttpResponse<?> delete(long id) {
        categories.delete(id);
        return HttpResponse.noContent();
    }

    @jakarta.inject.Inject
    GuestJson guestJson;
}
