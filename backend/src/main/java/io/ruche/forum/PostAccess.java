package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Role;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;

/**
 * Who may do what with one post: read its text and history, edit, delete, react, flag. The write paths and the
 * {@code can*} flags of each post on the thread page both ask here. A post in a thread the viewer may not see is not
 * found; so is a deleted post, except for staff reading its history.
 */
public final class PostAccess {

    private PostAccess() {
    }

    /** What the policy needs to know of a post. {@code wiki}: members from trust level 2 may edit it. */
    public record Subject(long authorId, @Nullable Role authorRole, boolean deleted, boolean hidden, boolean wiki) {
    }

    /** {@code wiki}: may make the post a wiki or stop it being one. */
    public record Rights(boolean readBody, boolean readHistory, boolean edit, boolean delete, boolean react,
                         boolean flag, boolean wiki) {
    }

    /** The rights of a viewer on a post of a thread they can see, given their rights on that thread. */
    public static Rights of(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        boolean member = viewer.isMember();
        boolean staff = viewer.isStaff();
        boolean own = viewer.is(post.authorId());
        // A hidden post waits for review: its author and staff still read it, others see a placeholder.
        boolean readBody = !post.deleted() && (!post.hidden() || own || staff);
        boolean readHistory = staff || (!post.deleted() && (!post.hidden() || own));
        boolean change = member && !post.deleted() && (own || staff)
                // A moderator does not rewrite or remove an administrator's words.
                && (own || viewer.isAdmin() || post.authorRole() != Role.ADMIN)
                && (staff || thread.write());
        // A wiki post is open to the edits of members from trust level 2 who may reply in its thread; removing it
        // stays with its author and staff.
        boolean wikiEdit = member && post.wiki() && readBody && thread.editWiki();
        boolean react = member && !own && readBody && thread.participate();
        // A hidden post is already waiting for a moderator: there is nothing more to flag.
        boolean flag = member && !own && !post.deleted() && !post.hidden();
        // Staff make any post a wiki; a member at level 3 their own, while the thread is open to them.
        boolean wiki = member && !post.deleted() && (staff
                || (own && thread.trust() >= ThreadAccess.REGULAR_LEVEL && thread.write()));
        return new Rights(readBody, readHistory, change || wikiEdit, change, react, flag, wiki);
    }

    public static void requireEdit(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        viewer.requireMember();
        if (post.deleted()) {
            throw Problems.notFound("post");
        }
        if (!of(viewer, post, thread).edit()) {
            refuse(viewer, post, thread);
        }
    }

    public static void requireDelete(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        viewer.requireMember();
        if (post.deleted()) {
            throw Problems.notFound("post");
        }
        if (!of(viewer, post, thread).delete()) {
            refuse(viewer, post, thread);
        }
    }

    public static void requireWiki(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        viewer.requireMember();
        if (post.deleted()) {
            throw Problems.notFound("post");
        }
        if (!of(viewer, post, thread).wiki()) {
            if (viewer.is(post.authorId()) && thread.trust() < ThreadAccess.REGULAR_LEVEL) {
                throw Problems.forbidden("problem.selfWikiTrustTooLow");
            }
            refuse(viewer, post, thread);
        }
    }

    /** The reason a member can act on: the thread is closed to them, a wiki needs a level, or no right at all. */
    private static void refuse(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        if ((viewer.is(post.authorId()) || post.wiki()) && !thread.write()) {
            throw Problems.forbidden("problem.threadLocked");
        }
        if (post.wiki() && thread.reply() && thread.trust() < ThreadAccess.WIKI_EDITOR_LEVEL) {
            throw Problems.forbidden("problem.wikiTrustTooLow");
        }
        throw Problems.forbidden("problem.forbidden");
    }

    public static void requireReadHistory(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        if (!of(viewer, post, thread).readHistory()) {
            throw Problems.notFound("post");
        }
    }

    public static void requireReact(Viewer viewer, Subject post, ThreadAccess.Rights thread) {
        viewer.requireMember();
        if (post.deleted() || !of(viewer, post, thread).readBody()) {
            throw Problems.notFound("post");
        }
        if (viewer.is(post.authorId())) {
            throw Problems.forbidden("problem.ownPost");
        }
        if (!thread.participate()) {
            throw Problems.forbidden("problem.cannotReply");
        }
    }

    /**
     * Flagging: a member, not on their own post, not on a deleted one. A flag that races the post being hidden by
     * earlier flags still counts (the page no longer offers it, but the report is not lost).
     */
    public static void requireFlag(Viewer viewer, Subject post) {
        viewer.requireMember();
        if (post.deleted()) {
            throw Problems.notFound("post");
        }
        if (viewer.is(post.authorId())) {
            throw Problems.forbidden("problem.ownPost");
        }
    }
}
