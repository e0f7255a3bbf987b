package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

/**
 * The attributes the session layer puts into an {@link Authentication}. Only {@link ViewerBinder} reads them: the rest
 * of the code asks for a {@link Viewer}.
 */
final class CurrentMember {

    static final String MEMBER_ID = "memberId";
    static final String ROLE = "role";

    private CurrentMember() {
    }

    static Long idOf(@Nullable Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        Object id = authentication.getAttributes().get(MEMBER_ID);
        return id instanceof Number n ? n.longValue() : null;
    }
}
