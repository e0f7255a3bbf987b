package io.ruche.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;

import java.util.List;

/** The console's webhooks: admins only. */
@Controller("/api/v1/admin/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class WebhookController {

    private final Webhooks webhooks;

    public WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The event types a webhook may subscribe to. */
    @Get("/event-types")
    public List<String> eventTypes() {
        return Webhooks.TYPES;
    }

    @Get
    public List<Webhooks.View> list() {
        return webhooks.list();
    }

    @Post
    public HttpResponse<Webhooks.WithSecret> create(Viewer viewer, @Valid @Body WebhookRequests.SaveWebhook request) {
        return HttpResponse.created(webhooks.create(viewer, request));
    }

    @Get("/{id}")
    public Webhooks.View one(@PathVariable long id) {
        return webhooks.one(id);
    }

    @Put("/{id}")
    public Webhooks.View update(Viewer viewer, @PathVariable long id, @Valid @Body WebhookRequests.SaveWebhook request) {
        return webhooks.update(viewer, id, request);
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(Viewer viewer, @PathVariable long id) {
        webhooks.delete(viewer, id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/secret")
    public Webhooks.WithSecret rotateSecret(Viewer viewer, @PathVariable long id) {
        return webhooks.rotateSecret(viewer, id);
    }

    @Post("/{id}/test")
    public HttpResponse<Webhooks.Delivery> test(Viewer viewer, @PathVariable long id) {
        return HttpResponse.accepted().body(webhooks.test(viewer, id));
    }

    @Get("/{id}/deliveries")
    public List<Webhooks.Delivery> deliveries(@PathVariable long id, @Nullable @QueryValue Long before,
                                              @Nullable @QueryValue Integer limit) {
        return webhooks.deliveries(id, before, limit == null ? 30 : limit);
    }

    @Post("/{id}/deliveries/{delivery}/redeliver")
    public HttpResponse<Void> redeliver(Viewer viewer, @PathVariable long id, @PathVariable long delivery) {
        webhooks.redeliver(viewer, id, delivery);
        return HttpResponse.accepted();
    }
}
