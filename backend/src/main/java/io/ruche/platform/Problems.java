package io.ruche.platform;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** Factory for the problems features raise; each names a message key of {@code i18n/messages}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "problem.notFound." + what, null, null, null);
    }

    public static ProblemException badRequest(String code, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, args, null, null);
    }

    public static ProblemException invalidField(String field, String code) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "problem.validation", null,
                List.of(new ProblemException.FieldError(field, code)), null);
    }

    public static ProblemException conflict(String field, String code) {
        return new ProblemException(HttpStatus.CONFLICT, code, null,
                List.of(new ProblemException.FieldError(field, code)), null);
    }

    public static ProblemException unauthorized(String code) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, code, null, null, null);
    }

    public static ProblemException forbidden(String code) {
        return new ProblemException(HttpStatus.FORBIDDEN, code, null, null, null);
    }

    public static ProblemException unavailable(String code, Object... args) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, code, args, null, null);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "problem.rateLimited",
                new Object[]{seconds, Math.max(1, (seconds + 59) / 60)}, null, seconds);
    }
}
