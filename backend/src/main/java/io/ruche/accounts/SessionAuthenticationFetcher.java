package io.ruche.accounts;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Turns the session cookie into an {@link Authentication}; the database look-up runs off the event loop. */
@Singleton
public class SessionAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final SessionService sessions;
    private final ExecutorService blocking;

    public SessionAuthenticationFetcher(SessionService sessions,
                                        @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> token = request.getCookies().findCookie(SessionCookies.NAME).map(Cookie::getValue);
        if (token.isEmpty() || io.ruche.platform.BearerToken.present(request)) { // keys are read by integrations
            return Publishers.empty();
        }
        CompletableFuture<Authentication> lookup = CompletableFuture.supplyAsync(
                () -> sessions.resolve(token.get()).map(SessionAuthenticationFetcher::authenticationOf).orElse(null),
                blocking);
        return Publishers.fromCompletableFuture(lookup);
    }

    static Authentication authenticationOf(Member member) {
        return authenticationOf(member.id(), member.username(), member.role());
    }

    /**
     * The authentication of a member acting with {@code role} (their own, or less: an API key's scopes cap it). The
     * one way other features (integrations' API keys) authenticate a request as a member.
     */
    public static Authentication authenticationOf(long memberId, String username, Role role) {
        return Authentication.build(username, role.grantedNames(),
                Map.of(CurrentMember.MEMBER_ID, memberId, CurrentMember.ROLE, role.name()));
    }
}
