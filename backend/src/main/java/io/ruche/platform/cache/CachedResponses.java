package io.ruche.platform.cache;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * Answers from the guest cache: 304 when the client already holds the same bytes (If-None-Match), the gzip variant
 * when the client takes it, and caching headers a CDN in front can follow (shared caches keep it briefly and may
 * serve it stale while they fetch it again; browsers check each time).
 */
public final class CachedResponses {

    /** Guests' answers: any cache may keep them; shared caches 30 s, stale for a minute while revalidating. */
    public static final String PUBLIC = "public, max-age=0, s-maxage=30, stale-while-revalidate=60";
    /** A member's answers carry their own state: nobody else keeps them. */
    public static final String PRIVATE = "private, no-store";

    private CachedResponses() {
    }

    public static MutableHttpResponse<byte[]> of(HttpRequest<?> request, GuestCache.Entry entry, String cacheControl,
                                                 String vary) {
        String match = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (match != null && (match.equals(entry.etag()) || match.equals("W/" + entry.etag())
                || match.contains(entry.etag()))) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, entry.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl).header(HttpHeaders.VARY, vary);
        }
        boolean gzip = acceptsGzip(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING));
        MutableHttpResponse<byte[]> response = HttpResponse.ok(gzip ? entry.gzip() : entry.plain())
                .contentType(entry.contentType())
                .header(HttpHeaders.ETAG, entry.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, vary);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
