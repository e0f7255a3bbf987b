package io.ruche.platform;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.ruche.platform.db.LockConflicts;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the framework answers by itself (unknown failures, bodies it cannot read) leaves as problem JSON
 * too. Server faults are logged with their cause and answered with a plain message that leaks nothing.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<ProblemResponses.Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    private final ProblemResponses responses;

    public ProblemErrorResponseProcessor(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public MutableHttpResponse<ProblemResponses.Problem> processResponse(ErrorContext context,
                                                                         MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Throwable cause = context.getRootCause().orElse(null);
        if (status.getCode() >= 500 && cause != null
                && (LockConflicts.isUnavailable(cause) || LockConflicts.isRetryable(cause))) {
            // The database is away or still busy after the retries: a quick 503 the client may try again after.
            LOG.warn("{} {} answered 503: {}", context.getRequest().getMethod(), context.getRequest().getPath(),
                    cause.toString());
            return responses.of(context.getRequest(), new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "problem.unavailable", null, null, 5L));
        }
        String code = switch (status.getCode()) {
            case 400 -> "problem.malformed";
            case 401 -> "problem.signInRequired";
            case 403 -> "problem.forbidden";
            case 404 -> "problem.notFound.route";
            case 405 -> "problem.methodNotAllowed";
            case 413 -> "problem.tooLarge";
            case 415 -> "problem.unsupportedMediaType";
            default -> status.getCode() >= 500 ? "problem.server" : "status." + status.getCode();
        };
        if (status.getCode() >= 500) {
            LOG.error("{} {} failed", context.getRequest().getMethod(), context.getRequest().getPath(),
                    context.getRootCause().orElse(null));
        }
        MutableHttpResponse<ProblemResponses.Problem> problem = responses.of(context.getRequest(),
                new ProblemException(status, code, null, null, null));
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> problem.header(name, v));
            }
        });
        return problem;
    }
}
