package io.ruche.platform;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The app's built assets carry a hash of their content in their name (/assets/index-3f9c….js): a browser or a CDN
 * keeps them for a year without asking again; a new build has new names.
 */
@ServerFilter("/assets/**")
public class AssetCacheFilter {

    @ResponseFilter
    public void immutable(MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.OK) {
            response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
        }
    }
}
