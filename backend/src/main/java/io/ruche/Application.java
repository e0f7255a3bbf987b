package io.ruche;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "ruche", version = "1",
        description = "Ruche community forum API. Errors are RFC 9457 problem JSON. Browsers send their session "
                + "cookie, and state-changing requests carry the X-XSRF-TOKEN header echoing the XSRF-TOKEN cookie; "
                + "scripts send an API key (Authorization: Bearer ruche_...) and no cookie. Webhook bodies: "
                + "/webhooks.schema.json."))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key made in Settings (a member's own: READ, WRITE) or in Administration -> API keys "
                + "(READ, WRITE, MODERATION, ADMIN). It acts as its member, within its scopes.")
public class Application {

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
