package io.ruche.notifications;

import io.ruche.accounts.Role;
import io.ruche.forum.CategoryAccess;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of some members may see a category: a notification never tells anyone about a thread they cannot open.
 * Two queries for any number of members; catalogs are shared between members with the same role and groups.
 */
@Singleton
public class Audience {

    private final Sql sql;
    private final CategoryAccess access;

    public Audience(Sql sql, CategoryAccess access) {
        this.sql = sql;
        this.access = access;
    }

    public Set<Long> whoCanSee(Collection<Long> memberIds, long categoryId) {
        Set<Long> allowed = new HashSet<>();
        if (memberIds.isEmpty()) {
            return allowed;
        }
        Map<Long, Viewer> viewers = viewers(memberIds);
        Map<Viewer, Boolean> decided = new HashMap<>();
        for (Map.Entry<Long, Viewer> e : viewers.entrySet()) {
            Viewer shape = new Viewer(0L, e.getValue().role(), e.getValue().groupIds());
            boolean sees = decided.computeIfAbsent(shape,
                    v -> access.catalog(v).visible().containsKey(categoryId));
            if (sees) {
                allowed.add(e.getKey());
            }
        }
        return allowed;
    }

    public Map<Long, Viewer> viewers(Collection<Long> memberIds) {
        List<Object> ids = new ArrayList<>(memberIds);
        Map<Long, Role> roles = new HashMap<>();
        sql.query("SELECT id, role FROM members WHERE id IN (" + Sql.placeholders(ids.size()) + ")", ids, rs -> {
            roles.put(rs.getLong(1), Role.valueOf(rs.getString(2)));
            return null;
        });
        Map<Long, Set<Long>> groups = new HashMap<>();
        sql.query("SELECT member_id, group_id FROM group_memberships WHERE member_id IN ("
                + Sql.placeholders(ids.size()) + ")", ids, rs -> {
                    groups.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                    return null;
                });
        Map<Long, Viewer> viewers = new HashMap<>();
        roles.forEach((id, role) -> viewers.put(id, new Viewer(id, role, groups.getOrDefault(id, Set.of()))));
        return viewers;
    }
}
