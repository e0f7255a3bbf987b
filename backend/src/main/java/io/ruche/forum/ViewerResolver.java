package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.ruche.accounts.CurrentMember;
import io.ruche.accounts.GroupService;
import io.ruche.accounts.Role;
import jakarta.inject.Singleton;

/** Turns the request's authentication into a {@link ForumViewer} (one query for the member's groups). */
@Singleton
public class ViewerResolver {

    private final GroupService groups;

    public ViewerResolver(GroupService groups) {
        this.groups = groups;
    }

    public ForumViewer of(@Nullable Authentication authentication) {
        Long id = CurrentMember.idOf(authentication);
        if (id == null) {
            return ForumViewer.GUEST;
        }
        Role role = Role.valueOf((String) authentication.getAttributes().get("role"));
        return new ForumViewer(id, role, groups.groupIdsOf(id));
    }
}
