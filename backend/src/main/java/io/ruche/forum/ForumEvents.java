package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/**
 * What happens in the forum, as facts other features subscribe to (search, notifications; badges, analytics and
 * webhooks next). Ids only: a subscriber reads what it needs, under its own access rules, when it runs.
 */
public final class ForumEvents {

    private ForumEvents() {
    }

    /** A thread was started; its first post is {@code firstPostId}. */
    @Serdeable
    public record ThreadCreated(long threadId, long firstPostId, long authorId, long categoryId) implements DomainEvent {
    }

    /** A reply was published (written directly, or approved from the review queue). */
    @Serdeable
    public record PostPublished(long postId, long threadId, long authorId, long categoryId, int position)
            implements DomainEvent {
    }

    @Serdeable
    public record PostEdited(long postId, long threadId, long editorId) implements DomainEvent {
    }

    @Serdeable
    public record PostDeleted(long postId, long threadId, long deletedById) implements DomainEvent {
    }

    /** Hidden until reviewed (flags, a moderator), or shown again ({@code hidden} false). */
    @Serdeable
    public record PostHidden(long postId, boolean hidden) implements DomainEvent {
    }

    @Serdeable
    public record ReactionAdded(long postId, long memberId, String kind) implements DomainEvent {
    }

    @Serdeable
    public record ReactionRemoved(long postId, long memberId, String kind) implements DomainEvent {
    }

    /** The accepted answer of a question changed; {@code postId} is null when it was withdrawn. */
    @Serdeable
    public record AnswerAccepted(long threadId, @Nullable Long postId, long actorId) implements DomainEvent {
    }

    /** Staff moved a thread to another category, or its title changed. */
    @Serdeable
    public record ThreadMoved(long threadId, long fromCategoryId, long toCategoryId) implements DomainEvent {
    }

    @Serdeable
    public record ThreadRetitled(long threadId) implements DomainEvent {
    }

    /** The posts of {@code sourceThreadId} now belong to {@code intoThreadId}; the source is gone. */
    @Serdeable
    public record ThreadMerged(long sourceThreadId, long intoThreadId) implements DomainEvent {
    }

    /** Some posts of {@code fromThreadId} started {@code newThreadId}. */
    @Serdeable
    public record ThreadSplit(long fromThreadId, long newThreadId) implements DomainEvent {
    }

    /**
     * Staff moved posts: {@code how} is MOVE (the thread went to another category; its first post), MERGE or SPLIT;
     * the moved posts are those of {@code threadId} at positions {@code fromPosition} to {@code toPosition} (events
     * carry ids and bounds, never lists that grow). Their authors hear of it.
     */
    @Serdeable
    public record PostsMoved(long threadId, int fromPosition, int toPosition, long actorId, String how)
            implements DomainEvent {
    }

    /**
     * Something readers see of a thread changed besides its posts: pinned, locked, archived, closed with a note, slow
     * mode, an official or wiki mark. Caches of the thread listen.
     */
    @Serdeable
    public record ThreadChanged(long threadId) implements DomainEvent {
    }

    /** A category was created, changed (name, place, who may see it) or deleted. */
    @Serdeable
    public record CategoryChanged(long categoryId) implements DomainEvent {
    }

    /** Staff set an idea's status (its note is on the thread): its voters and author hear of it. */
    @Serdeable
    public record IdeaStatusChanged(long threadId, String status, long actorId, java.time.Instant at)
            implements DomainEvent {
    }

    /** A bookmark's reminder is due: its owner hears of it (with their note), once. */
    @Serdeable
    public record BookmarkReminderDue(long bookmarkId, long memberId, long postId) implements DomainEvent {
    }
}
