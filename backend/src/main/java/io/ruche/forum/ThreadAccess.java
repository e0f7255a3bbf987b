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

    /**
     * A viewer's rights on one thread. {@code participate}: the category lets them take part (reply, react);
     * {@code write}: the thread is open to them (not archived; not locked, unless they are staff).
     */
    public record Rights(boolean participate, boolean write, boolean reply, boolean editTitle, boolean moderate,
                         boolean accept, boolean follow) {
    }

    /** The rights of a viewer who can see the thread (the catalog has already found its category). */
    public static Rights of(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread) {
        return of(viewer, catalog, thread, false);
    }

    /**
     * {@code regular}: the viewer is at trust level 3, whose tools include retitling threads of categories where they
     * may start threads (tidying what others wrote, as staff would).
     */
    public static Rights of(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread, boolean regular) {
        boolean member = viewer.isMember();
        boolean staff = viewer.isStaff();
        boolean author = viewer.is(thread.authorId());
        boolean participate = member && catalog.canReply(thread.categoryId());
        boolean write = !thread.archived() && (!thread.locked() || staff);
        // Staff retitle any thread they can see (archived ones included); authors while it is open to them.
        boolean tidy = regular && catalog.canStart(thread.categoryId());
        return new Rights(participate, write, participate && write,
                member && (staff || ((author || tidy) && write)), staff,
                member && thread.kind() == CategoryKind.QUESTIONS && (author || staff) && !thread.archived(), member);
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

    public static void requireEditTitle(Viewer viewer, CategoryAccess.Catalog catalog, Subject thread,
                                        boolean regular) {
        if (!of(viewer, catalog, thread, regular).editTitle()) {
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
