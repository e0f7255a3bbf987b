package io.ruche.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** {@code %00} and other control characters in a path are never a page of ours: refused before anything reads it. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class PathGuardFilter implements Ordered {

    private final ProblemResponses problems;

    public PathGuardFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (TextRules.hasControlCharacters(decoded(request.getPath()))) {
            return problems.of(request, new ProblemException(HttpStatus.BAD_REQUEST, "problem.malformed", null, null,
                    null));
        }
        return null;
    }

    private static String decoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
