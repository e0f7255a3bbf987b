package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;

/**
 * What moderation says about accounts, asked by accounts at sign-up and on profile changes: bans, invitations and
 * watched words. Accounts defines the port; moderation implements it, so accounts does not depend on moderation.
 */
public interface AccountScreening {

    /** Refuses (a problem) a sign-up from a banned e-mail, domain or network. */
    void checkNotBanned(String email, String clientAddress);

    /** Uses an invitation for a new account, in the registration's transaction; refuses one that is not valid. */
    void useInvitation(@Nullable String code, long memberId, String email);

    /**
     * Whether the watched words refuse a public text. {@code strict}: also when a rule would change it (a name
     * cannot be censored or linked, only kept or refused).
     */
    boolean refuses(String text, boolean strict);
}
