package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Role;

import java.time.Instant;
import java.util.List;

/** Response bodies of the forum API. Flags such as {@code canReply} tell the UI what to offer. */
public final class ForumViews {

    private ForumViews() {
    }

    @Serdeable
    public record MemberRef(String username, String displayName, String avatarUrl, @Nullable Role role) {
        public static MemberRef of(String username, String displayName, @Nullable Role role) {
            return new MemberRef(username, displayName, io.ruche.accounts.AccountViews.avatarPath(username), role);
        }
    }

    @Serdeable
    public record CategoryRef(long id, String slug, String name, String color, CategoryKind kind) {
        static CategoryRef of(Category c) {
            return new CategoryRef(c.id(), c.slug(), c.name(), c.color(), c.kind());
        }
    }

    @Serdeable
    public record LatestThread(long id, String title, String slug, Instant lastPostAt) {
    }

    @Serdeable
    public record GroupRightView(long groupId, boolean see, boolean reply, boolean start) {
    }

    /** A category as the reader sees it; {@code rights} is filled for admins only. */
    @Serdeable
    public record CategoryView(long id, @Nullable Long parentId, String slug, String name, String description,
                               String color, int position, CategoryKind kind, int threadCount, int postCount,
                               @Nullable LatestThread latest, boolean canStart, List<CategoryView> children,
                               @Nullable RightsView rights, @Nullable TranslationsView translations) {
    }

    /** For admins editing a category: its fallback name and description, and what is written per language. */
    @Serdeable
    public record TranslationsView(String name, String description, @Nullable String nameFr, @Nullable String nameEn,
                                   @Nullable String descriptionFr, @Nullable String descriptionEn) {
    }

    @Serdeable
    public record RightsView(boolean everyoneSee, boolean membersSee, boolean membersReply, boolean membersStart,
                             List<GroupRightView> groups, boolean premoderated) {
    }

    @Serdeable
    public record ThreadSummary(long id, String title, String slug, CategoryRef category, MemberRef author,
                                @Nullable MemberRef lastPoster, int replies, int views, int reactions,
                                int participants, List<String> tags, boolean pinned, boolean pinnedGlobally,
                                boolean locked, boolean archived, boolean solved, Instant createdAt,
                                Instant lastPostAt, @Nullable Integer unreadPosts, boolean isNew,
                                @Nullable Integer votes, @Nullable String ideaStatus) {
    }

    @Serdeable
    public record ThreadPage(List<ThreadSummary> items, @Nullable String nextAfter) {
    }

    @Serdeable
    public record ReactionView(String kind, int count, boolean mine) {
    }

    @Serdeable
    public record ReplyToView(long postId, int position, String username) {
    }

    @Serdeable
    public record PostView(long id, int position, MemberRef author, @Nullable String html, @Nullable String source,
                           @Nullable ReplyToView replyTo, Instant createdAt, @Nullable Instant editedAt,
                           int editCount, boolean deleted, List<ReactionView> reactions, boolean canEdit,
                           boolean canDelete, boolean canReact, boolean accepted, boolean hidden, boolean official,
                           boolean canFlag, boolean wiki, boolean canWiki, @Nullable String hiddenBy) {
    }

    @Serdeable
    public record ThreadDetail(ThreadSummary thread, String description, boolean canReply, boolean canEditTitle,
                               boolean canModerate, boolean canAccept, @Nullable String following,
                               @Nullable PostView acceptedAnswer, List<PostView> posts,
                               @Nullable Integer nextAfter, int lastReadPosition, @Nullable String staffNote,
                               int slowModeSeconds, List<ThreadNotes.NoteView> notes) {
    }

    @Serdeable
    public record Revision(long id, String source, Instant replacedAt, MemberRef editor) {
    }

    @Serdeable
    public record Reactors(String kind, int count, List<MemberRef> members) {
    }

    @Serdeable
    public record TagView(String name, int threads, boolean allowed) {
    }

    @Serdeable
    public record TagSettings(boolean restricted, List<TagView> tags) {
    }

    @Serdeable
    public record Preview(String html) {
    }

    @Serdeable
    public record FollowState(@Nullable String level) {
    }

    /** One post's part that depends on the reader: what they may do with it and the reactions that are theirs. */
    @Serdeable
    public record PostViewerPart(long id, boolean canEdit, boolean canDelete, boolean canReact, boolean canFlag,
                                 boolean canWiki, List<String> mine) {
    }

    /**
     * The reader's own part of a thread page, fetched beside the page every guest shares (cached): their rights,
     * their follow level and read position, and per post what they may do and their reactions.
     */
    @Serdeable
    public record ThreadViewerPart(long threadId, boolean canReply, boolean canEditTitle, boolean canModerate,
                                   boolean canAccept, @Nullable String following, int lastReadPosition,
                                   List<PostViewerPart> posts) {
    }
}
