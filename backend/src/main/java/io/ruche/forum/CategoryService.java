package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.GroupService;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The category tree as each reader may see it, and its administration. */
@Singleton
public class CategoryService {

    private final CategoryAccess access;
    private final CategoryRepository categories;
    private final Sql sql;
    private final GroupService groups;
    private final Clock clock;

    public CategoryService(CategoryAccess access, CategoryRepository categories, Sql sql, GroupService groups,
                           Clock clock) {
        this.groups = groups;
        this.access = access;
        this.categories = categories;
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Visible top-level categories with their visible children; counts and latest thread of a parent include only
     * the children this reader sees, so a private sub-category leaks nothing.
     */
    @Transactional(readOnly = true)
    public List<ForumViews.CategoryView> tree(Viewer viewer) {
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        List<Long> latestIds = catalog.visible().values().stream().map(Category::lastThreadId)
                .filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, ForumViews.LatestThread> latest = new HashMap<>();
        sql.query("SELECT id, title, slug, last_post_at FROM threads WHERE id IN (" + Sql.placeholders(latestIds.size())
                + ")", Sql.inList(latestIds), rs -> latest.put(rs.getLong(1), new ForumViews.LatestThread(rs.getLong(1),
                rs.getString(2), rs.getString(3), Sql.instant(rs, "last_post_at"))));
        Map<Long, List<ForumViews.GroupRightView>> groupRights = new HashMap<>();
        if (viewer.isAdmin()) {
            for (CategoryRepository.GroupRight r : categories.allGroupRights()) {
                groupRights.computeIfAbsent(r.categoryId(), k -> new ArrayList<>())
                        .add(new ForumViews.GroupRightView(r.groupId(), r.canSee(), r.canReply(), r.canStart()));
            }
        }
        List<ForumViews.CategoryView> roots = new ArrayList<>();
        for (Category c : catalog.visible().values()) {
            if (c.parentId() != null) {
                continue;
            }
            List<ForumViews.CategoryView> children = new ArrayList<>();
            int threads = c.threadCount();
            int postCount = c.postCount();
            ForumViews.LatestThread newest = c.lastThreadId() == null ? null : latest.get(c.lastThreadId());
            for (Category child : catalog.visible().values()) {
                if (c.id().equals(child.parentId())) {
                    ForumViews.LatestThread childLatest = child.lastThreadId() == null ? null
                            : latest.get(child.lastThreadId());
                    children.add(view(child, childLatest, child.threadCount(), child.postCount(), catalog, List.of(),
                            groupRights, viewer));
                    threads += child.threadCount();
                    postCount += child.postCount();
                    if (childLatest != null && (newest == null || childLatest.lastPostAt().isAfter(newest.lastPostAt()))) {
                        newest = childLatest;
                    }
                }
            }
            roots.add(view(c, newest, threads, postCount, catalog, children, groupRights, viewer));
        }
        return roots;
    }

    private static ForumViews.CategoryView view(Category c, ForumViews.LatestThread latest, int threads, int postCount,
                                                CategoryAccess.Catalog catalog, List<ForumViews.CategoryView> children,
                                                Map<Long, List<ForumViews.GroupRightView>> groupRights,
                                                Viewer viewer) {
        ForumViews.RightsView rights = viewer.isAdmin() ? new ForumViews.RightsView(c.everyoneSee(), c.membersSee(),
                c.membersReply(), c.membersStart(), groupRights.getOrDefault(c.id(), List.of()), c.premoderated()) : null;
        ForumViews.TranslationsView translations = viewer.isAdmin() ? new ForumViews.TranslationsView(
                catalog.original(c.id()).name(), catalog.original(c.id()).description(), c.nameFr(), c.nameEn(),
                c.descriptionFr(), c.descriptionEn()) : null;
        return new ForumViews.CategoryView(c.id(), c.parentId(), c.slug(), c.name(), c.description(), c.color(),
                c.position(), c.kind(), threads, postCount, latest, catalog.canStart(c.id()), children, rights,
                translations);
    }

    @Transactional
    public Category create(ForumRequests.SaveCategory request) {
        String slug = request.slug() == null || request.slug().isBlank() ? Slugs.of(request.name(), "category")
                : request.slug();
        if (categories.existsBySlug(slug)) {
            throw Problems.conflict("slug", "validation.slug.taken");
        }
        checkParent(null, request.parentId());
        Category category = categories.save(new Category(null, request.parentId(), slug, request.name().strip(),
                orElse(request.description(), ""), orElse(request.color(), "#9a5b00"),
                request.position() == null ? 0 : request.position(),
                request.kind() == null ? CategoryKind.DISCUSSION : request.kind(),
                orElse(request.everyoneSee(), true), orElse(request.membersSee(), true),
                orElse(request.membersReply(), true), orElse(request.membersStart(), true), 0, 0, null, null,
                clock.instant(), orElse(request.premoderated(), false), blankToNull(request.nameFr()),
                blankToNull(request.nameEn()), blankToNull(request.descriptionFr()),
                blankToNull(request.descriptionEn())));
        saveGroupRights(category.id(), request.groupRights());
        outbox.publish(new ForumEvents.CategoryChanged(category.id()));
        return category;
    }

    @jakarta.inject.Inject
    io.ruche.platform.events.Outbox outbox;

    @Transactional
    public Category update(long id, ForumRequests.SaveCategory request) {
        Category current = categories.findById(id).orElseThrow(() -> Problems.notFound("category"));
        String slug = request.slug() == null || request.slug().isBlank() ? current.slug() : request.slug();
        if (!slug.equals(current.slug()) && categories.existsBySlug(slug)) {
            throw Problems.conflict("slug", "validation.slug.taken");
        }
        checkParent(id, request.parentId());
        Category updated = new Category(id, request.parentId(), slug, request.name().strip(),
                orElse(request.description(), current.description()), orElse(request.color(), current.color()),
                request.position() == null ? current.position() : request.position(),
                request.kind() == null ? current.kind() : request.kind(),
                orElse(request.everyoneSee(), current.everyoneSee()), orElse(request.membersSee(), current.membersSee()),
                orElse(request.membersReply(), current.membersReply()),
                orElse(request.membersStart(), current.membersStart()), current.threadCount(), current.postCount(),
                current.lastThreadId(), current.lastActivityAt(), current.createdAt(),
                orElse(request.premoderated(), current.premoderated()),
                request.nameFr() == null ? current.nameFr() : blankToNull(request.nameFr()),
                request.nameEn() == null ? current.nameEn() : blankToNull(request.nameEn()),
                request.descriptionFr() == null ? current.descriptionFr() : blankToNull(request.descriptionFr()),
                request.descriptionEn() == null ? current.descriptionEn() : blankToNull(request.descriptionEn()));
        categories.update(updated);
        if (request.groupRights() != null) {
            saveGroupRights(id, request.groupRights());
        }
        outbox.publish(new ForumEvents.CategoryChanged(id));
        return updated;
    }

    /** Only an empty category, without sub-categories, can be deleted: threads are never dropped by accident. */
    @Transactional
    public void delete(long id) {
        Category category = categories.findById(id).orElseThrow(() -> Problems.notFound("category"));
        if (category.threadCount() > 0 || categories.existsByParentId(id)) {
            throw Problems.badRequest("problem.categoryNotEmpty");
        }
        categories.deleteById(id);
        outbox.publish(new ForumEvents.CategoryChanged(id));
    }

    private void checkParent(Long id, Long parentId) {
        if (parentId == null) {
            return;
        }
        Category parent = categories.findById(parentId).orElseThrow(() ->
                Problems.invalidField("parentId", "validation.parent"));
        // One level of sub-categories: a parent has no parent, and a category with children cannot become a child.
        if (parent.parentId() != null || parentId.equals(id) || (id != null && categories.existsByParentId(id))) {
            throw Problems.invalidField("parentId", "validation.parent");
        }
    }

    private void saveGroupRights(long categoryId, List<ForumRequests.GroupRight> rights) {
        categories.clearGroupRights(categoryId);
        if (rights == null) {
            return;
        }
        for (ForumRequests.GroupRight right : rights) {
            if (!groups.exists(right.groupId())) {
                throw Problems.invalidField("groupRights", "validation.group");
            }
            categories.addGroupRight(categoryId, right.groupId(), right.see(), right.reply(), right.start());
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** How the viewer follows a category they can see: WATCHING (told of new threads), TRACKING, MUTED, or null. */
    @Transactional(readOnly = true)
    public ForumViews.FollowState followLevel(Viewer viewer, String slug) {
        viewer.requireMember();
        Category category = access.catalog(viewer).requireBySlug(slug);
        return new ForumViews.FollowState(sql.query("SELECT level FROM category_follows WHERE category_id = ? "
                + "AND member_id = ?", List.of(category.id(), viewer.memberId()), rs -> rs.getString(1))
                .stream().findFirst().orElse(null));
    }

    @Transactional
    public ForumViews.FollowState follow(Viewer viewer, String slug, @io.micronaut.core.annotation.Nullable String level) {
        viewer.requireMember();
        Category category = access.catalog(viewer).requireBySlug(slug);
        if (level == null) {
            sql.update("DELETE FROM category_follows WHERE category_id = ? AND member_id = ?",
                    List.of(category.id(), viewer.memberId()));
        } else {
            sql.update("INSERT INTO category_follows (category_id, member_id, level, created_at) VALUES (?, ?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE level = VALUES(level)",
                    List.of(category.id(), viewer.memberId(), level, clock.instant()));
        }
        return new ForumViews.FollowState(level);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
