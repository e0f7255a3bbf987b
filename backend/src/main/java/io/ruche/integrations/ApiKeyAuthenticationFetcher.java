package io.ruche.integrations;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.ruche.accounts.SessionAuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The member an API key acts as, with the role its scopes allow, as found by {@link ApiKeyFilter} (which already
 * refused a bad key). Nothing to look up here.
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return request.getAttribute(ApiKeyFilter.ATTRIBUTE, ApiKeys.Resolved.class)
                .map(key -> Publishers.just(SessionAuthenticationFetcher.authenticationOf(key.memberId(),
                        key.username(), key.role())))
                .orElseGet(Publishers::empty);
    }
}
