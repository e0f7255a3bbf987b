package io.ruche.platform;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Maps every failure a client can cause to problem JSON, once, for all features. */
public final class ProblemHandlers {

    private ProblemHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {ProblemException.class, ExceptionHandler.class})
    public static class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public ProblemExceptionHandler(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
            return responses.of(request, exception);
        }
    }

    /** Bean Validation failures: 422 with one entry per field, named as the request body names it. */
    @Produces
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    public static class ValidationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public ValidationHandler(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
            List<ProblemException.FieldError> fields = new ArrayList<>();
            exception.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .forEach(v -> fields.add(new ProblemException.FieldError(fieldName(v), messageKey(v))));
            return responses.of(request, new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "problem.validation",
                    null, fields, null));
        }

        private static String fieldName(ConstraintViolation<?> violation) {
            String name = "";
            for (Path.Node node : violation.getPropertyPath()) {
                name = node.getName();
            }
            return name;
        }

        private static String messageKey(ConstraintViolation<?> violation) {
            String template = violation.getMessageTemplate();
            // Our constraints carry message keys ("validation.required"); the built-in ones a template.
            if (template != null && template.startsWith("validation.")) {
                return template;
            }
            String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            return switch (annotation) {
                case "NotNull", "NotBlank", "NotEmpty" -> "validation.required";
                case "Email" -> "validation.email";
                case "Size" -> "validation.size";
                case "Pattern" -> "validation.pattern";
                default -> "validation.invalid";
            };
        }
    }

    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    public static class ConversionHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public ConversionHandler(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
            Argument<?> argument = exception.getArgument();
            return responses.of(request, new ProblemException(HttpStatus.BAD_REQUEST, "problem.malformed", null,
                    List.of(new ProblemException.FieldError(argument.getName(), "validation.invalid")), null));
        }
    }

    @Produces
    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    public static class MissingArgumentHandler
            implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public MissingArgumentHandler(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedArgumentException exception) {
            return responses.of(request, new ProblemException(HttpStatus.BAD_REQUEST, "problem.malformed", null,
                    List.of(new ProblemException.FieldError(exception.getArgument().getName(),
                            "validation.required")), null));
        }
    }

    @Produces
    @Singleton
    public static class MalformedBodyHandler implements ExceptionHandler<CodecException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public MalformedBodyHandler(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, CodecException exception) {
            return responses.of(request, Problems.badRequest("problem.malformed"));
        }
    }

    /** Guests get 401, signed-in members without the right get 403; both as problem JSON. */
    @Produces
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    public static class AccessDeniedHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public AccessDeniedHandler(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
            return responses.of(request, exception.isForbidden()
                    ? Problems.forbidden("problem.forbidden")
                    : Problems.unauthorized("problem.signInRequired"));
        }
    }
}
