package io.ruche.platform;

import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A failure the client can act on. {@code code} is a message key: the server words it in the reader's language
 * for {@code detail}, and the UI may word it again from its own locale files.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Object[] args;
    private final List<FieldError> fieldErrors;
    private final Long retryAfterSeconds;

    public ProblemException(HttpStatus status, String code, Object[] args, List<FieldError> fieldErrors,
                            Long retryAfterSeconds) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args == null ? new Object[0] : args;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A field that failed validation, with the key of the rule it broke. */
    public record FieldError(String field, String code) {
    }
}
