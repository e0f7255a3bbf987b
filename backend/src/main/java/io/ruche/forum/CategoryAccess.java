package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.ruche.platform.Problems;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may see, reply and start threads in each category. Staff may do everything; a category is visible
 * only when its parent is too. Categories a viewer cannot see do not exist for them (404, never 403).
 */
@Singleton
public class CategoryAccess {

    private final CategoryRepository categories;
    private final io.ruche.platform.Messages messages;

    public CategoryAccess(CategoryRepository categories, io.ruche.platform.Messages messages) {
        this.categories = categories;
        this.messages = messages;
    }

    /** A viewer's rights in one category. */
    public record Rights(boolean see, boolean reply, boolean start) {
    }

    /** The categories one viewer can see, in display order, with their rights: two queries. */
    public record Catalog(Map<Long, Category> visible, Map<Long, Rights> rights, List<Category> all) {

        public Category require(long categoryId) {
            Category category = visible.get(categoryId);
            if (category == null) {
                throw Problems.notFound("category");
            }
            return category;
        }

        /** The category of a thread the viewer asked for; a thread in a hidden category is simply not found. */
        public Category requireForThread(long categoryId) {
            Category category = visible.get(categoryId);
            if (category == null) {
                throw Problems.notFound("thread");
            }
            return category;
        }

        public Category requireBySlug(String slug) {
            return visible.values().stream().filter(c -> c.slug().equalsIgnoreCase(slug)).findFirst()
                    .orElseThrow(() -> Problems.notFound("category"));
        }

        public boolean canStart(long categoryId) {
            Rights r = rights.get(categoryId);
            return r != null && r.start();
        }

        public boolean canReply(long categoryId) {
            Rights r = rights.get(categoryId);
            return r != null && r.reply();
        }

        /** The category as stored (its fallback name and description), for those who edit it. */
        public Category original(long categoryId) {
            return all.stream().filter(c -> c.id() == categoryId).findFirst().orElseGet(() -> require(categoryId));
        }

        public List<Long> visibleIds() {
            return List.copyOf(visible.keySet());
        }
    }

    /**
     * The categories the viewer sees, named in the language of the request being answered (its Accept-Language);
     * outside a request (jobs, mails), with their fallback names. {@code all} keeps them as stored.
     */
    public Catalog catalog(Viewer viewer) {
        List<Category> all = categories.listOrdered();
        String language = messages.requestLanguage();
        Map<Long, Rights> fromGroups = new HashMap<>();
        if (viewer.isMember() && !viewer.groupIds().isEmpty()) {
            for (CategoryRepository.GroupRight right : categories.allGroupRights()) {
                if (viewer.groupIds().contains(right.groupId())) {
                    fromGroups.merge(right.categoryId(), new Rights(right.canSee(), right.canReply(), right.canStart()),
                            (a, b) -> new Rights(a.see() || b.see(), a.reply() || b.reply(), a.start() || b.start()));
                }
            }
        }
        Map<Long, Rights> own = new HashMap<>();
        for (Category c : all) {
            own.put(c.id(), rightsIn(c, viewer, fromGroups.get(c.id())));
        }
        Map<Long, Category> visible = new LinkedHashMap<>();
        Map<Long, Rights> rights = new HashMap<>();
        for (Category c : all) {
            boolean parentVisible = c.parentId() == null || own.getOrDefault(c.parentId(), new Rights(false, false, false)).see();
            Rights r = own.get(c.id());
            if (r.see() && parentVisible) {
                visible.put(c.id(), c.in(language));
                rights.put(c.id(), r);
            }
        }
        return new Catalog(visible, rights, all);
    }

    /**
     * The audience rule: which of these viewers may see a category. A notification never tells anyone about a thread
     * they cannot open. Catalogs are shared between viewers of the same role and groups.
     */
    public java.util.Set<Long> whoCanSee(java.util.Collection<Viewer> viewers, long categoryId) {
        java.util.Set<Long> allowed = new java.util.HashSet<>();
        Map<Viewer, Boolean> decided = new HashMap<>();
        for (Viewer viewer : viewers) {
            Viewer shape = new Viewer(0L, viewer.role(), viewer.groupIds());
            if (decided.computeIfAbsent(shape, v -> catalog(v).visible().containsKey(categoryId))) {
                allowed.add(viewer.memberId());
            }
        }
        return allowed;
    }

    private static Rights rightsIn(Category c, Viewer viewer, Rights group) {
        if (viewer.isStaff()) {
            return new Rights(true, true, true);
        }
        Rights g = group == null ? new Rights(false, false, false) : group;
        boolean see = c.everyoneSee() || (viewer.isMember() && c.membersSee()) || g.see();
        boolean reply = see && viewer.isMember() && (c.membersReply() || g.reply());
        boolean start = see && viewer.isMember() && (c.membersStart() || g.start());
        return new Rights(see, reply, start);
    }
}
