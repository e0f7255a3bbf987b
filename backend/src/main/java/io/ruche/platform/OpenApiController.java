package io.ruche.platform;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated at compile time from the controllers. */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiController {

    private final byte[] document;

    public OpenApiController(ResourceResolver resources) {
        this.document = resources.getResourceAsStream("classpath:META-INF/swagger/ruche-1.yml")
                .map(OpenApiController::read).orElse(new byte[0]);
    }

    @Get(value = "/openapi.yml", produces = "application/yaml")
    public HttpResponse<byte[]> openApi() {
        if (document.length == 0) {
            throw Problems.notFound("route");
        }
        return HttpResponse.ok(document);
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
