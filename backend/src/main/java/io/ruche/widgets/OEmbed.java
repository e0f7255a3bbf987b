package io.ruche.widgets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.forum.ForumViews;
import io.ruche.forum.ThreadService;
import io.ruche.platform.ClientAddress;
import io.ruche.platform.PageLinks;
import io.ruche.platform.ProblemException;
import io.ruche.platform.Problems;
import io.ruche.themes.ThemeRegistry;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * oEmbed (https://oembed.com) for content management systems that strip scripts: a thread a guest can read answers
 * with an iframe of its answer widget; thread pages carry the discovery link. Anything else is 404.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class OEmbed {

    static final Pattern THREAD_PATH = Pattern.compile("^/t/(\\d{1,18})(/[^/?#]*)?/?$");

    private final ThreadService threads;
    private final ClientAddress clientAddress;
    private final ThemeRegistry themes;

    public OEmbed(ThreadService threads, ClientAddress clientAddress, ThemeRegistry themes) {
        this.threads = threads;
        this.clientAddress = clientAddress;
        this.themes = themes;
    }

    @Serdeable
    public record Answer(String version, String type, String title, String provider_name, String provider_url,
                         String html, int width, int height, int cache_age) {
    }

    @Get("/oembed")
    public HttpResponse<Answer> oembed(@QueryValue String url, @Nullable @QueryValue String format,
                                       @Nullable @QueryValue Integer maxwidth, @Nullable @QueryValue Integer maxheight,
                                       HttpRequest<?> request) {
        if (format != null && !format.equals("json")) {
            return HttpResponse.status(HttpStatus.NOT_IMPLEMENTED);
        }
        String base = base(request);
        URI asked;
        try {
            asked = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("thread");
        }
        Matcher m = THREAD_PATH.matcher(asked.getPath() == null ? "" : asked.getPath());
        if (!m.matches() || (asked.getHost() != null && !base.equals(asked.getScheme() + "://" + asked.getAuthority()))) {
            throw Problems.notFound("thread");
        }
        ForumViews.ThreadDetail detail = threads.headline(Long.parseLong(m.group(1))); // 404 unless a guest may read it
        int width = maxwidth == null ? 600 : Math.max(200, Math.min(maxwidth, 1200));
        int height = maxheight == null ? 300 : Math.max(120, Math.min(maxheight, 1200));
        String src = base + "/embed/answer?thread=" + detail.thread().id();
        String title = detail.thread().title();
        String html = "<iframe src=\"" + WidgetPages.Html.escape(src) + "\" title=\"" + WidgetPages.Html.escape(title)
                + "\" width=\"" + width + "\" height=\"" + height + "\" loading=\"lazy\" style=\"border:0;max-width:100%\" "
                + "sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>";
        String brand = themes.active("en").brandName();
        return HttpResponse.ok(new Answer("1.0", "rich", title, brand, base, html, width, height, 300))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    private String base(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return (clientAddress.isSecure(request) ? "https" : "http") + "://" + (host == null ? "localhost" : host);
    }

    /** The discovery link on thread pages a guest can read. */
    @Singleton
    static class Discovery implements PageLinks {

        private final ThreadService threads;

        Discovery(ThreadService threads) {
            this.threads = threads;
        }

        @Override
        public List<Link> forPath(String path) {
            Matcher m = THREAD_PATH.matcher(path);
            if (!m.matches()) {
                return List.of();
            }
            try {
                ForumViews.ThreadDetail detail = threads.headline(Long.parseLong(m.group(1)));
                return List.of(new Link("alternate", "application/json+oembed", "/oembed?format=json&url="
                        + URLEncoder.encode(path, StandardCharsets.UTF_8), detail.thread().title()));
            } catch (ProblemException notVisible) {
                return List.of();
            }
        }
    }
}
