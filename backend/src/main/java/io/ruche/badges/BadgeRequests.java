package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.TextRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the badge console. */
public final class BadgeRequests {

    private BadgeRequests() {
    }

    /** A badge's public side; {@code rule} (a template) is for console-made badges only. */
    @Serdeable
    public record Save(
            @NotBlank(message = "validation.required") @Size(max = 80, message = "validation.badgeName")
            @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String nameEn,
            @NotBlank(message = "validation.required") @Size(max = 80, message = "validation.badgeName")
            @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String nameFr,
            @NotBlank(message = "validation.required") @Size(max = 300, message = "validation.badgeDescription")
            @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String descriptionEn,
            @NotBlank(message = "validation.required") @Size(max = 300, message = "validation.badgeDescription")
            @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String descriptionFr,
            @NotBlank(message = "validation.required") @Pattern(regexp = "[a-z-]{1,40}", message = "validation.badgeIcon")
            String icon,
            @NotNull(message = "validation.required") @Pattern(regexp = "BRONZE|SILVER|GOLD", message = "validation.badgeTier")
            String tier,
            @NotNull(message = "validation.required")
            @Pattern(regexp = "GETTING_STARTED|COMMUNITY|CONTRIBUTION|EVENTS|STAFF", message = "validation.badgeGroup")
            String group,
            boolean allowTitle,
            @Nullable BadgeTemplate rule) {
    }

    @Serdeable
    public record Switch(boolean on) {
    }

    /** Grant to these members (usernames, or the lines of a CSV whose first column is a username). */
    @Serdeable
    public record Grant(@NotNull(message = "validation.required") @Size(min = 1, max = 1000, message = "validation.usernames")
                        List<@NotBlank String> usernames,
                        @NotBlank(message = "validation.required") @Size(max = 300, message = "validation.reason")
                        String reason) {
    }

    @Serdeable
    public record Revoke(@NotBlank(message = "validation.required") @Size(max = 300, message = "validation.reason")
                         String reason) {
    }
}
