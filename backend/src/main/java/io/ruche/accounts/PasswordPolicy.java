package io.ruche.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The strength rule: at least 10 characters, at most 128, at least 5 different characters, not a well-known
 * password, and not the username. The sign-up form applies the same rule (frontend signUpRules.ts).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of(
            "1234567890", "12345678910", "0123456789", "password123", "password1234", "motdepasse", "motdepasse1",
            "azertyuiop", "qwertyuiop", "iloveyou123", "administrator", "letmein123", "welcome123",
            "1q2w3e4r5t", "qwerty1234", "football123", "sunshine123", "princess123", "abcdefghij", "0987654321",
            "soleil1234", "bonjour123", "password12", "passw0rd123", "changeme123");

    private PasswordPolicy() {
    }

    /** The message key of the first rule the password breaks, if any. */
    public static Optional<String> violation(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("validation.password.tooShort");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("validation.password.tooLong");
        }
        if (password.chars().distinct().count() < 5) {
            return Optional.of("validation.password.tooSimple");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("validation.password.common");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("validation.password.containsUsername");
        }
        return Optional.empty();
    }
}
