package io.ruche.support;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;

import java.util.HashMap;
import java.util.Map;

/**
 * An integration test whose clock it moves itself ({@link MovableClock}): time passes without sleeping. Jobs it
 * dated ahead would wait days in the shared database for other tests to trip on: they go when the class finishes.
 */
public abstract class MovedClockTest extends IntegrationTest {

    @Inject
    protected MovableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.test.movable-clock", "true");
        return properties;
    }

    @AfterAll
    void forgetJobsDatedAhead() {
        TestDatabase.execute("DELETE FROM jobs WHERE run_at > DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 HOUR)");
    }
}
