package io.ruche.widgets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.platform.Problems;

import java.util.Set;

/**
 * Widgets for the brand's own sites: anonymous and read-only (no cookie read or set, so they work where third-party
 * cookies are blocked), framed only by the origins the console allows ({@code frame-ancestors}), cached in the node
 * with an entity tag, and a minute in browsers.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class WidgetController {

    private final WidgetPages pages;
    private final WidgetCache cache;
    private final WidgetOrigins origins;
    private final io.ruche.analytics.PageViews views;
    private final io.ruche.platform.ClientAddress clientAddress;
    private final io.ruche.platform.RateLimiter rateLimiter;

    public WidgetController(WidgetPages pages, WidgetCache cache, WidgetOrigins origins,
                            io.ruche.analytics.PageViews views, io.ruche.platform.ClientAddress clientAddress,
                            io.ruche.platform.RateLimiter rateLimiter) {
        this.pages = pages;
        this.cache = cache;
        this.origins = origins;
        this.views = views;
        this.clientAddress = clientAddress;
        this.rateLimiter = rateLimiter;
    }

    /** What a widget tells about itself: seen (half in view) or clicked, on which host site. */
    @io.micronaut.serde.annotation.Serdeable
    public record Signal(@Nullable String widget, @Nullable String event, @Nullable String host) {
    }

    /**
     * Impressions and clicks, sent by the widget page itself (no cookie: the body is the whole message). Counted only
     * for a widget that exists and a host on the list (otherwise without a host); Do Not Track and Global Privacy
     * Control respected; always 204.
     */
    @io.micronaut.http.annotation.Post(uri = "/embed/signal", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<?> signal(@io.micronaut.http.annotation.Body String raw, HttpRequest<?> request) {
        String address = clientAddress.of(request);
        rateLimiter.hit("widget-signal:" + address, 1200, java.time.Duration.ofHours(1));
        Signal signal;
        try {
            signal = json.readValue(raw, Signal.class);
        } catch (java.io.IOException | RuntimeException e) {
            return HttpResponse.noContent();
        }
        WidgetPages.Type type = signal == null || signal.widget() == null ? null : WidgetPages.Type.of(signal.widget());
        if (type == null || !("impression".equals(signal.event()) || "click".equals(signal.event()))) {
            return HttpResponse.noContent();
        }
        String host = null;
        if (signal.host() != null) {
            try {
                String normalized = WidgetOrigins.normalize(signal.host());
                host = origins.allowed().contains(normalized) ? normalized : null;
            } catch (io.ruche.platform.ProblemException e) {
                host = null;
            }
        }
        boolean privacy = "1".equals(request.getHeaders().get("DNT")) || "1".equals(request.getHeaders().get("Sec-GPC"));
        views.recordWidget(type.slug, "click".equals(signal.event()), host, address,
                request.getHeaders().get(HttpHeaders.USER_AGENT), privacy);
        return HttpResponse.noContent();
    }

    @jakarta.inject.Inject
    io.micronaut.json.JsonMapper json;

    @Get(uri = "/embed/{type}", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> widget(String type, HttpRequest<?> request, @Nullable @QueryValue String lang,
                                       @Nullable @QueryValue String category, @Nullable @QueryValue String tag,
                                       @Nullable @QueryValue Boolean solved, @Nullable @QueryValue Integer limit,
                                       @Nullable @QueryValue String period, @Nullable @QueryValue String theme,
                                       @Nullable @QueryValue String accent, @Nullable @QueryValue Integer radius,
                                       @Nullable @QueryValue String font, @Nullable @QueryValue String origin,
                                       @Nullable @QueryValue Long thread) {
        WidgetPages.Type which = WidgetPages.Type.of(type);
        if (which == null) {
            throw Problems.notFound("widget");
        }
        Set<String> allowed = origins.allowed();
        // The host page is told its widget's height only when it is an allowed origin (postMessage names it).
        String parent = null;
        if (origin != null) {
            try {
                String normalized = WidgetOrigins.normalize(origin);
                parent = allowed.contains(normalized) ? normalized : null;
            } catch (io.ruche.platform.ProblemException e) {
                parent = null;
            }
        }
        WidgetPages.Options options = WidgetPages.options(which, lang, category, tag, Boolean.TRUE.equals(solved),
                limit, period, theme, accent, radius, font, parent, thread);
        WidgetCache.Rendered rendered = cache.get(options.key(), () -> pages.render(options));
        String ancestors = "'self'" + (allowed.isEmpty() ? "" : " " + String.join(" ", allowed.stream().sorted().toList()));
        String csp = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
                + "script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors " + ancestors;
        String match = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        HttpResponse<String> response = rendered.etag().equals(match)
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(rendered.html()).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8");
        return ((io.micronaut.http.MutableHttpResponse<String>) response)
                .header(HttpHeaders.ETAG, rendered.etag())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .header("Content-Security-Policy", csp);
    }
}
