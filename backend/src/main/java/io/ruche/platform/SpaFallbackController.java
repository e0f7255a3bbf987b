package io.ruche.platform;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Routes the server does not know: API paths get problem JSON, page paths (deep links such as
 * {@code /u/alice}) get the single-page app, which routes them in the browser.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
public class SpaFallbackController {

    private final ProblemResponses problems;
    private final java.util.List<PageMetadata> metadata;
    private final java.util.List<PageLinks> links;
    private final String indexHtml;

    public SpaFallbackController(ProblemResponses problems, ResourceResolver resources,
                                 java.util.List<PageMetadata> metadata, java.util.List<PageLinks> links) {
        this.problems = problems;
        this.metadata = metadata;
        this.links = links;
        this.indexHtml = resources.getResourceAsStream("classpath:public/index.html")
                .map(SpaFallbackController::read)
                .orElse(null);
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        if (indexHtml != null && wantsPage(request)) {
            return HttpResponse.ok(withMetadata(request.getPath())).contentType(MediaType.TEXT_HTML_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return problems.of(request, Problems.notFound("route"));
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    public HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        return problems.of(request, new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, "problem.methodNotAllowed",
                null, null, null));
    }

    @Error(status = HttpStatus.UNSUPPORTED_MEDIA_TYPE, global = true)
    public HttpResponse<?> unsupportedMediaType(HttpRequest<?> request) {
        return problems.of(request, new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "problem.unsupportedMediaType", null, null, null));
    }

    /** The app's page with the title and description of what the path shows, and the links features add for it. */
    private String withMetadata(String path) {
        String page = withTitle(path);
        StringBuilder head = new StringBuilder();
        for (PageLinks source : links) {
            for (PageLinks.Link link : source.forPath(path)) {
                head.append("    <link rel=\"").append(escape(link.rel())).append("\" type=\"").append(escape(link.type()))
                        .append("\" href=\"").append(escape(link.href())).append("\" title=\"").append(escape(link.title()))
                        .append("\" />\n");
            }
        }
        return head.isEmpty() ? page : page.replaceFirst("</head>", java.util.regex.Matcher.quoteReplacement(head + "</head>"));
    }

    private String withTitle(String path) {
        for (PageMetadata source : metadata) {
            Optional<PageMetadata.Meta> meta = source.forPath(path);
            if (meta.isPresent()) {
                String title = escape(meta.get().title());
                String description = escape(meta.get().description());
                return indexHtml.replaceFirst("<title>[^<]*</title>", java.util.regex.Matcher.quoteReplacement(
                        "<title>" + title + "</title>\n    <meta name=\"description\" content=\"" + description + "\" />"
                                + "\n    <meta property=\"og:title\" content=\"" + title + "\" />"
                                + "\n    <meta property=\"og:description\" content=\"" + description + "\" />"));
            }
        }
        return indexHtml;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static boolean wantsPage(HttpRequest<?> request) {
        String path = request.getPath();
        if (request.getMethod() != HttpMethod.GET || path.startsWith("/api/") || path.equals("/api")) {
            return false;
        }
        // A path with a file extension is a missing asset, not a page.
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return false;
        }
        Optional<String> accept = request.getHeaders().findFirst(HttpHeaders.ACCEPT);
        return accept.map(a -> a.contains("text/html") || a.contains("*/*")).orElse(true);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
