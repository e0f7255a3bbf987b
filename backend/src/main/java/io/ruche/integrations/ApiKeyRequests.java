package io.ruche.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What members and admins send to make API keys, validated at the boundary. */
public final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /** A member's own key. */
    @Serdeable
    public record NewPersonalKey(
            @NotBlank(message = "validation.required") @Size(max = 100, message = "validation.size") String name,
            @NotNull(message = "validation.required") @Size(min = 1, max = 2, message = "validation.apiKey.scopes")
            List<ApiKeys.Scope> scopes) {
    }

    /** An admin's global key; {@code actsAs}: a member's username (the admin when empty). */
    @Serdeable
    public record NewGlobalKey(
            @NotBlank(message = "validation.required") @Size(max = 100, message = "validation.size") String name,
            @NotNull(message = "validation.required") @Size(min = 1, max = 4, message = "validation.apiKey.scopes")
            List<ApiKeys.Scope> scopes,
            @Nullable @Size(max = 40, message = "validation.size") String actsAs,
            @Nullable @Min(value = 1, message = "validation.apiKey.rate") @Max(value = 100_000,
                    message = "validation.apiKey.rate") Integer perMinute) {
    }
}
