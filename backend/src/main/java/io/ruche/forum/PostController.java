package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.List;

/** Posts: edit and delete (author or staff), revisions, reactions, and the composer's preview. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PostController {

    private final PostService posts;

    public PostController(PostService posts) {
        this.posts = posts;
    }

    @Patch("/posts/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.PostView edit(long id, @Body @Valid ForumRequests.EditPost body, Viewer viewer) {
        return posts.edit(viewer, id, body);
    }

    /** Staff make any post a wiki, members at trust level 3 their own; members from level 2 then edit it. */
    @io.micronaut.http.annotation.Put("/posts/{id}/wiki")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.PostView wiki(long id, @Body @Valid ForumRequests.SetWiki body, Viewer viewer) {
        return posts.setWiki(viewer, id, body.wiki());
    }

    @Delete("/posts/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> delete(long id, Viewer viewer) {
        posts.delete(viewer, id);
        return HttpResponse.noContent();
    }

    @Get("/posts/{id}/revisions")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<ForumViews.Revision> revisions(long id, Viewer viewer) {
        return posts.revisions(viewer, id);
    }

    @Get("/posts/{id}/reactions")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<ForumViews.Reactors> reactors(long id, Viewer viewer) {
        return posts.reactors(viewer, id);
    }

    @Post("/posts/{id}/reactions/{kind}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ForumViews.ReactionView> react(long id, String kind, Viewer viewer) {
        return posts.react(viewer, id, kind, true);
    }

    @Delete("/posts/{id}/reactions/{kind}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ForumViews.ReactionView> unreact(long id, String kind, Viewer viewer) {
        return posts.react(viewer, id, kind, false);
    }

    @Post("/preview")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.Preview preview(@Body @Valid ForumRequests.Preview body, Viewer viewer) {
        return posts.preview(viewer, body);
    }
}
