package io.ruche.platform.jobs;

import io.ruche.support.TestDatabase;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A job kind for {@link JobLeaseTest}: running "first" plays another node taking over "second" after this node's
 * lease on it ran out (as a stalled node would see it when it wakes up).
 */
@Singleton
public class LeaseProbe implements JobHandler {

    static final String KIND = "test.lease-probe";
    static final List<String> RUNS = new CopyOnWriteArrayList<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(String payload) {
        RUNS.add(payload);
        if (payload.startsWith("first")) {
            String second = "second" + payload.substring("first".length());
            TestDatabase.execute("UPDATE jobs SET locked_by = 'another-node', "
                    + "locked_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 5 MINUTE) WHERE kind = '" + KIND
                    + "' AND payload = '" + second + "'");
        }
    }
}
