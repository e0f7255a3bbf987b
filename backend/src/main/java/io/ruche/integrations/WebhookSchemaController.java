package io.ruche.integrations;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON Schema of webhook deliveries, public: the receiving system's developers read it. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class WebhookSchemaController {

    private final String schema;

    public WebhookSchemaController(ResourceResolver resources) {
        try (InputStream in = resources.getResourceAsStream("classpath:webhooks.schema.json").orElseThrow()) {
            this.schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/webhooks.schema.json", produces = "application/schema+json")
    public HttpResponse<String> schema() {
        return HttpResponse.ok(schema).header("Cache-Control", "public, max-age=3600");
    }
}
