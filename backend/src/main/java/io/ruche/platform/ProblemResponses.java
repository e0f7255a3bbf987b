package io.ruche.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/** Builds RFC 9457 problem JSON bodies, worded in the reader's language. */
@Singleton
public class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    private final Messages messages;

    public ProblemResponses(Messages messages) {
        this.messages = messages;
    }

    public MutableHttpResponse<Problem> of(HttpRequest<?> request, ProblemException problem) {
        Locale locale = messages.localeOf(request);
        List<FieldProblem> fields = problem.fieldErrors().stream()
                .map(f -> new FieldProblem(f.field(), f.code(),
                        messages.get(locale, f.code())))
                .toList();
        String detail = messages.get(locale, problem.code(), problem.args());
        if (!fields.isEmpty() && problem.status() == HttpStatus.UNPROCESSABLE_ENTITY) {
            detail = fields.get(0).message();
        }
        Problem body = new Problem("urn:ruche:problem:" + problem.code(),
                messages.get(locale, "status." + problem.status().getCode()), problem.status().getCode(), detail,
                request.getPath(), problem.code(), fields);
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(problem.status()).body(body)
                .contentType(PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        return response;
    }

    /** The problem document. {@code code} is the stable key clients switch on; {@code errors} name fields. */
    @Serdeable
    public record Problem(String type, String title, int status, String detail, String instance, String code,
                          List<FieldProblem> errors) {
    }

    @Serdeable
    public record FieldProblem(String field, String code, String message) {
    }
}
