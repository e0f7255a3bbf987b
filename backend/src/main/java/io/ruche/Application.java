package io.ruche;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "ruche", version = "1",
        description = "Ruche community forum API. Errors are RFC 9457 problem JSON; state-changing requests "
                + "carry the X-XSRF-TOKEN header echoing the XSRF-TOKEN cookie."))
public class Application {

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
