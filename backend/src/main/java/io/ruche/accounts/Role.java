package io.ruche.accounts;

import java.util.List;

/** What a member may do site-wide. Higher roles include the lower ones. */
public enum Role {
    MEMBER, MODERATOR, ADMIN;

    /** Role names given to the security layer, lower-case, including every role this one implies. */
    public List<String> grantedNames() {
        return switch (this) {
            case MEMBER -> List.of("member");
            case MODERATOR -> List.of("member", "moderator");
            case ADMIN -> List.of("member", "moderator", "admin");
        };
    }
}
