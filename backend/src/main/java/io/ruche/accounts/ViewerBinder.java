package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Binds a controller's {@link Viewer} argument from the request's session (one query for the member's groups, once
 * per request), once the security filter has authenticated the request.
 */
@Singleton
public class ViewerBinder implements TypedRequestArgumentBinder<Viewer>, PostponedRequestArgumentBinder<Viewer> {

    private static final String ATTRIBUTE = "ruche.viewer";

    private final GroupService groups;

    public ViewerBinder(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public Argument<Viewer> argumentType() {
        return Argument.of(Viewer.class);
    }

    @Override
    public BindingResult<Viewer> bind(ArgumentConversionContext<Viewer> context, HttpRequest<?> request) {
        if (!request.getAttributes().contains(SecurityFilter.KEY)) {
            return BindingResult.UNSATISFIED; // asked again once the security filter has run
        }
        Optional<Viewer> known = request.getAttribute(ATTRIBUTE, Viewer.class);
        Viewer viewer = known.orElseGet(() -> of(request.getUserPrincipal(Authentication.class).orElse(null)));
        request.setAttribute(ATTRIBUTE, viewer);
        return () -> Optional.of(viewer);
    }

    /** The viewer behind an authentication (a guest when there is none). */
    public Viewer of(@Nullable Authentication authentication) {
        Long id = CurrentMember.idOf(authentication);
        if (id == null) {
            return Viewer.GUEST;
        }
        Role role = Role.valueOf((String) authentication.getAttributes().get(CurrentMember.ROLE));
        return new Viewer(id, role, groups.groupIdsOf(id));
    }
}
