package io.ruche.forum;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import io.ruche.platform.cache.CachedResponses;
import io.ruche.platform.cache.GuestCache;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;

/** Guests' JSON from the guest cache: serialized once, served as bytes (gzip when taken), 304 when unchanged. */
@Singleton
public class GuestJson {

    private final GuestCache cache;
    private final JsonMapper json;

    private final io.ruche.platform.Messages messages;

    public GuestJson(GuestCache cache, JsonMapper json, io.ruche.platform.Messages messages) {
        this.cache = cache;
        this.json = json;
        this.messages = messages;
    }

    public HttpResponse<byte[]> answer(HttpRequest<?> request, String key, Set<String> tags, Supplier<?> view) {
        return answer(request, key, view, v -> tags);
    }

    /** {@code tags} may name what the answer holds (its posts), to be dropped when one of them changes. */
    public <T> HttpResponse<byte[]> answer(HttpRequest<?> request, String key, Supplier<T> view,
                                           java.util.function.Function<T, Set<String>> tags) {
        return answer(request, key, view, tags, CachedResponses.PUBLIC);
    }

    /** The same bytes with another Cache-Control (a member's copy of a shared page: nobody else keeps it). */
    public <T> HttpResponse<byte[]> answer(HttpRequest<?> request, String key, Supplier<T> view,
                                           java.util.function.Function<T, Set<String>> tags, String cacheControl) {
        // Category names follow the reader's language: one copy per language.
        GuestCache.Entry entry = cache.get(key + "|" + messages.localeOf(request).getLanguage(), () -> {
            try {
                T value = view.get();
                return new GuestCache.Built(json.writeValueAsBytes(value), "application/json", tags.apply(value), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return CachedResponses.of(request, entry, cacheControl, "Accept-Encoding, Accept-Language, Cookie");
    }
}
