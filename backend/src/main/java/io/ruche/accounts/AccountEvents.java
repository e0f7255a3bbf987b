package io.ruche.accounts;

import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What happens to accounts, for other features to subscribe to (badges, analytics, webhooks). */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** A new member account exists (its address may still wait for confirmation). */
    @Serdeable
    public record MemberRegistered(long memberId) implements DomainEvent {
    }

    /**
     * The member's first visit of a day (UTC): a sign-in, or the first request of a session on a new day. Published
     * once per member and day.
     */
    @Serdeable
    public record MemberSignedIn(long memberId, java.time.LocalDate day) implements DomainEvent {
    }

    /**
     * The member's trust level changed ({@code from} != {@code to}), or is about to be lost ({@code from} == {@code
     * to}: a warning at the start of the grace period). {@code reason} is what the member is told.
     */
    @Serdeable
    public record TrustLevelChanged(long memberId, int from, int to, String reason) implements DomainEvent {
    }

    /** The member changed what others read of them: display name or bio. */
    @Serdeable
    public record ProfileUpdated(long memberId) implements DomainEvent {
    }

    /** The member confirmed their address for the first time. */
    @Serdeable
    public record MemberVerified(long memberId) implements DomainEvent {
    }

    /**
     * The member's account was deleted and its row keeps no personal data: every feature erases what it holds of
     * them ({@code removeContent}: the site removes their posts rather than keep them under "deleted member").
     */
    @Serdeable
    public record MemberErased(long memberId, boolean removeContent) implements DomainEvent {
    }

    /**
     * A deleted member's row now reads "deleted member" and keeps no personal data: features that copied their name
     * (the search index, cached pages) refresh it.
     */
    @Serdeable
    public record MemberAnonymised(long memberId) implements DomainEvent {
    }
}
