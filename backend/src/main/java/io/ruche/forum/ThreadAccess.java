package io.ruche.forum;

import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;

/**
 * Who may do what with one thread: read it, reply, retitle it, moderate it, accept an answer, follow it. The write
 * paths and the {@code can*} flags of the thread page both ask here, so what the page offers is what the server
 * allows. Reading is decided by the category ({@link CategoryAccess}): a thread in a category the viewer cannot see
 * is not found (404), never forbidden.
 */
public final class ThreadAccess {

    private ThreadAccess() {
    }

    /** What the policy needs to know of a thread. */
    public record Subject(long categoryId, long authorId, boolean locked, boolean archived, CategoryKind kind) {

        static Subject of(Thread thread, Category category) {
            return new Subject(category.id(), thread.authorId(), thread.locked(), thread.archived(), category.kind());
        }

        static Subject of(ThreadQueries.Row thread, Category category) {
            return new Subject(category.id(), thread.authorId(), thread.locked(), thread.archived(), category.kind());
        }
    }

    /** Editing other members' wiki posts opens at this trust level. */
    public static final int WIKI_EDITOR_LEVEL = 2;
    /** The "regular" tools (retitling others' threads, making one's own posts wikis) open at this trust level. */
    public static final int REGULAR_LEVEL = 3;

    /**
     * A viewer's rights on one thread. {@code participate}: the category lets them take part (reply, react);
     * {@code write}: the thread is open to them (not archived; not locked, unless they are staff); {@code trust}: the
     * viewer's trust level (0 for guests, 4 for staff), which the post rights read too.
     */
    public record Rights(boolean participate, boolean write, boolean reply, boolean editTitle, boolean moderate,
                         boolean accept, boolean follow, int trust) {

        /** Other members' wiki posts are open to this viewer's edits. */
        public boolean editWiki() {
            return reply && trust >= WIKI_EDITOR_LEVEL;
        }
    }

    /** The rights of a viewer who can see the thread, their trust level not counted (as at level 0). */
    public static Rights of(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread) {
        return of(viewer, catalog, thread, 0);
    }

    /**
     * {@code trust}: the viewer's trust level. Level 3 tools include retitling threads of categories where they may
     * start threads (tidying what others wrote, as staff would); level 2 opens wiki posts to their edits.
     */
    public static Rights of(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread, int trust) {
        boolean member = viewer.isMember();
        boolean staff = viewer.isStaff();
        boolean author = viewer.is(thread.authorId());
        boolean participate = member && catalog.canReply(thread.categoryId());
        boolean write = !thread.archived() && (!thread.locked() || staff);
        // Staff retitle any thread they can see (archived ones included); authors while it is open to them.
        boolean tidy = member && trust >= REGULAR_LEVEL && catalog.canStart(thread.categoryId());
        return new Rights(participate, write, participate && write,
                member && (staff || ((author || tidy) && write)), staff,
                member && thread.kind() == CategoryKind.QUESTIONS && (author || staff) && !thread.archived(), member,
                !member ? 0 : staff ? 4 : trust);
    }

    /** A reply is refused with the reason the member can act on: no right here, archived, or locked. */
    public static void requireReply(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread) {
        viewer.requireMember();
        if (!catalog.canReply(thread.categoryId())) {
            throw Problems.forbidden("problem.cannotReply");
        }
        requireWrite(viewer, thread);
    }

    /** Archived threads are closed to everyone; locked threads to all but staff. */
    public static void requireWrite(Viewer viewer, Subject thread) {
        if (thread.archived()) {
            throw Problems.forbidden("problem.threadArchived");
        }
        if (thread.locked() && !viewer.isStaff()) {
            throw Problems.forbidden("problem.threadLocked");
        }
    }

    public static void requireEditTitle(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread, int trust) {
        if (!of(viewer, catalog, thread, trust).editTitle()) {
            requireWrite(viewer, thread);
            throw Problems.forbidden("problem.forbidden");
        }
    }

    /** Pin, lock, archive, move, close, merge, split, slow mode, official replies: staff only. */
    public static void requireModerate(Viewer viewer) {
        viewer.requireMember();
        if (!viewer.isStaff()) {
            throw Problems.forbidden("problem.forbidden");
        }
    }

    public static void requireAccept(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread) {
        viewer.requireMember();
        if (thread.kind() != CategoryKind.QUESTIONS) {
            throw Problems.badRequest("problem.notAQuestion");
        }
        if (!of(viewer, catalog, thread).accept()) {
            throw Problems.forbidden("problem.forbidden");
        }
    }
}
