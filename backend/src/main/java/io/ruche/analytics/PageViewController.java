package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import io.ruche.platform.ClientAddress;
import io.ruche.platform.RateLimiter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.Duration;

/** The beacon the app sends once a page has rendered (guests and members alike); always answers 204. */
@Controller("/api/v1/analytics")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PageViewController {

    private final PageViews views;
    private final ClientAddress clientAddress;
    private final RateLimiter rateLimiter;

    public PageViewController(PageViews views, ClientAddress clientAddress, RateLimiter rateLimiter) {
        this.views = views;
        this.clientAddress = clientAddress;
        this.rateLimiter = rateLimiter;
    }

    @Serdeable
    public record View(@Nullable @Size(max = 500, message = "validation.size") String referrer, boolean embed) {
    }

    @Post("/view")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> view(@Body @Valid View body, HttpRequest<?> request, Viewer viewer) {
        String address = clientAddress.of(request);
        rateLimiter.hit("page-view:" + address, 1200, Duration.ofHours(1));
        boolean privacy = "1".equals(request.getHeaders().get("DNT")) || "1".equals(request.getHeaders().get("Sec-GPC"));
        String host = request.getHeaders().get("Host");
        views.record(viewer, address, request.getHeaders().get("User-Agent"), privacy, body.embed(), body.referrer(),
                host == null ? "" : host.replaceAll(":\\d+$", ""));
        return HttpResponse.noContent();
    }
}
