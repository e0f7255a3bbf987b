package io.ruche.widgets;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;

import java.util.List;

/** The sites allowed to embed widgets: administrators only. */
@Controller("/api/v1/admin/widgets")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class AdminWidgetController {

    private final WidgetOrigins origins;
    private final io.ruche.analytics.PageViews views;
    private final java.time.Clock clock;

    public AdminWidgetController(WidgetOrigins origins, io.ruche.analytics.PageViews views, java.time.Clock clock) {
        this.origins = origins;
        this.views = views;
        this.clock = clock;
    }

    /** Impressions and clicks per widget and host site over the last {@code days} days (1–365). */
    @Get("/traffic")
    public List<io.ruche.analytics.PageViews.WidgetTraffic> traffic(@QueryValue(defaultValue = "30") int days) {
        java.time.Instant now = clock.instant();
        return views.widgetTraffic(now.minus(java.time.Duration.ofDays(Math.max(1, Math.min(days, 365)))), now);
    }

    @Serdeable
    public record NewOrigin(String origin) {
    }

    @Get("/origins")
    public List<WidgetOrigins.Origin> list() {
        return origins.list();
    }

    @Post("/origins")
    public HttpResponse<WidgetOrigins.Origin> add(@Body NewOrigin body, Viewer viewer) {
        return HttpResponse.status(HttpStatus.CREATED).body(origins.add(viewer, body.origin()));
    }

    @Delete("/origins")
    public HttpResponse<?> remove(@QueryValue String origin, Viewer viewer) {
        origins.remove(viewer, origin);
        return HttpResponse.noContent();
    }
}
