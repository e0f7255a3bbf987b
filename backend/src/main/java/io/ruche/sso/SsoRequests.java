package io.ruche.sso;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What admins send about identity providers, validated at the boundary. */
public final class SsoRequests {

    private SsoRequests() {
    }

    /**
     * A provider; {@code clientSecret} may be left empty when changing one (the stored secret stays).
     * {@code slug} names it in addresses (/auth/oidc/{slug}/start).
     */
    @Serdeable
    public record SaveProvider(
            @NotBlank(message = "validation.required") @Pattern(regexp = "^[a-z0-9-]{2,40}$",
                    message = "validation.oidc.slug") String slug,
            @NotBlank(message = "validation.required") @Size(max = 80, message = "validation.size") String name,
            @NotBlank(message = "validation.required") @Size(max = 500, message = "validation.oidc.discoveryUrl")
            String discoveryUrl,
            @NotBlank(message = "validation.required") @Size(max = 200, message = "validation.size") String clientId,
            @Nullable @Size(max = 400, message = "validation.size") String clientSecret,
            @Nullable @Size(max = 200, message = "validation.size") String scopes,
            @Nullable @Size(max = 80, message = "validation.size") String groupClaim,
            @Nullable @Size(max = 50, message = "validation.size") List<@Size(max = 80) String> syncedGroups,
            boolean enabled) {
    }

    @Serdeable
    public record SsoOnly(boolean ssoOnly) {
    }
}
