package io.ruche.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;

import java.util.List;

/**
 * API keys: members manage their own ({@code /api/v1/api-keys}), admins every key ({@code /api/v1/admin/api-keys}).
 * Keys themselves never reach these routes (see {@link ApiKeyFilter}): only a signed-in browser makes or revokes keys.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeyController {

    private final ApiKeys keys;

    public ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @Get("/api-keys")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ApiKeys.View> mine(Viewer viewer) {
        return keys.mine(viewer);
    }

    @Post("/api-keys")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<ApiKeys.Created> create(Viewer viewer, @Valid @Body ApiKeyRequests.NewPersonalKey request) {
        return HttpResponse.created(keys.createPersonal(viewer, request.name(), request.scopes()));
    }

    @Delete("/api-keys/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ApiKeys.View revokeMine(Viewer viewer, @PathVariable long id) {
        return keys.revoke(viewer, id);
    }

    @Get("/admin/api-keys")
    @Secured("admin")
    public List<ApiKeys.View> all(@Nullable @QueryValue ApiKeys.Kind kind, @Nullable @QueryValue Long before,
                                  @Nullable @QueryValue Integer limit) {
        return keys.all(kind, before, limit == null ? 50 : limit);
    }

    @Post("/admin/api-keys")
    @Secured("admin")
    public HttpResponse<ApiKeys.Created> createGlobal(Viewer viewer, @Valid @Body ApiKeyRequests.NewGlobalKey request) {
        return HttpResponse.created(keys.createGlobal(viewer, request.name(), request.scopes(), request.actsAs(),
                request.perMinute()));
    }

    @Delete("/admin/api-keys/{id}")
    @Secured("admin")
    public ApiKeys.View revoke(Viewer viewer, @PathVariable long id) {
        return keys.revoke(viewer, id);
    }
}
