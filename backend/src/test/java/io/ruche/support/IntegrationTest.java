package io.ruche.support;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Base of the HTTP integration tests: the real application on the shared test database, driven through
 * {@link Api}. Subclasses carry {@code @MicronautTest(transactional = false)}: requests commit for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // required for TestPropertyProvider to configure the context
public abstract class IntegrationTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    /** A new browser-like client: its own cookies and its own client address. */
    protected Api api() {
        return new Api(server.getURI());
    }
}
