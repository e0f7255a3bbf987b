package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

/** Reads the member id the session layer put into the {@link Authentication}. */
public final class CurrentMember {

    static final String MEMBER_ID = "memberId";
    public static final String ROLE = "role";

    private CurrentMember() {
    }

    public static Long idOf(@Nullable Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        Object id = authentication.getAttributes().get(MEMBER_ID);
        return id instanceof Number n ? n.longValue() : null;
    }

    public static boolean isAdmin(@Nullable Authentication authentication) {
        return authentication != null && authentication.getRoles().contains("admin");
    }
}
