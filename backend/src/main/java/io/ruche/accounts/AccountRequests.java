package io.ruche.accounts;

import io.ruche.platform.TextRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the accounts API. Message keys name the rule for the UI and the problem's errors. */
public final class AccountRequests {

    public static final String USERNAME_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{2,31}$";

    private AccountRequests() {
    }

    @Serdeable
    public record Register(
            @NotBlank(message = "validation.required")
            @Pattern(regexp = USERNAME_PATTERN, message = "validation.username") String username,
            @NotBlank(message = "validation.required")
            @Email(message = "validation.email") @Size(max = 254, message = "validation.email") String email,
            @NotBlank(message = "validation.required") String password,
            @Nullable @Size(max = 64, message = "validation.size") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String displayName,
            @Nullable @Pattern(regexp = "en|fr", message = "validation.locale") String locale,
            @Nullable @Size(max = 64, message = "validation.timeZone") String timeZone,
            @Nullable String website,
            @Nullable Long formShownAt,
            @Nullable @Size(max = 100) String invite) {

        public Register(String username, String email, String password, @Nullable String displayName,
                        @Nullable String locale, @Nullable String timeZone) {
            this(username, email, password, displayName, locale, timeZone, null, null, null);
        }
    }

    @Serdeable
    public record TokenOnly(@NotBlank(message = "validation.required") @Size(max = 200) String token) {
    }

    @Serdeable
    public record ResetRequest(@NotBlank(message = "validation.required")
                               @Email(message = "validation.email") @Size(max = 254, message = "validation.email")
                               String email) {
    }

    @Serdeable
    public record ResetPassword(@NotBlank(message = "validation.required") @Size(max = 200) String token,
                                @NotBlank(message = "validation.required") @Size(max = 200) String password) {
    }

    @Serdeable
    public record ChangeEmail(@NotBlank(message = "validation.required")
                              @Email(message = "validation.email") @Size(max = 254, message = "validation.email")
                              String email,
                              @NotBlank(message = "validation.required") @Size(max = 200) String password) {
    }

    @Serdeable
    public record SignIn(@NotBlank(message = "validation.required") @Size(max = 254) String login,
                         @NotBlank(message = "validation.required") @Size(max = 200) String password) {
    }

    /** Absent fields stay as they are. */
    @Serdeable
    public record UpdateProfile(
            @Nullable @Size(min = 1, max = 64, message = "validation.size") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String displayName,
            @Nullable @Size(max = 1000, message = "validation.size") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String bio,
            @Nullable @Pattern(regexp = "en|fr", message = "validation.locale") String locale) {
    }

    @Serdeable
    public record SetRole(@NotNull(message = "validation.required") Role role) {
    }

    @Serdeable
    public record CreateGroup(
            @NotBlank(message = "validation.required") @Size(max = 64, message = "validation.size") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String name,
            @Nullable @Size(max = 500, message = "validation.size") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String description) {
    }
}
