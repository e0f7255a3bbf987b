package io.ruche.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What admins send about webhooks, validated at the boundary. */
public final class WebhookRequests {

    private WebhookRequests() {
    }

    /**
     * A webhook: where to send, which event types, whether it may receive private content (from categories and
     * events guests cannot see, members' addresses), whether it may call a private network address (off by default:
     * the request forgery guard), and (when changing it) whether it is enabled.
     */
    @Serdeable
    public record SaveWebhook(
            @NotBlank(message = "validation.required") @Size(max = 500, message = "validation.webhook.url") String url,
            @Nullable @Size(max = 200, message = "validation.size") String description,
            @NotNull(message = "validation.required") @Size(max = 20, message = "validation.webhook.eventTypes")
            List<String> eventTypes,
            boolean includePrivate,
            boolean allowPrivateNetwork,
            @Nullable Boolean enabled) {
    }
}
