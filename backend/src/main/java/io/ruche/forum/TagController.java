package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** Tags in use (counted over what the reader can see), and the admin's tag policy. */
@Controller("/api/v1/tags")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TagController {

    private final TagService tags;
    private final CategoryAccess access;

    public TagController(TagService tags, CategoryAccess access) {
        this.tags = tags;
        this.access = access;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public ForumViews.TagSettings list(Viewer viewer) {
        return tags.list(access.catalog(viewer));
    }

    @Put("/settings")
    @Secured("admin")
    public HttpResponse<?> settings(@Body @Valid ForumRequests.SaveTagSettings body) {
        tags.saveSettings(body);
        return HttpResponse.noContent();
    }
}
