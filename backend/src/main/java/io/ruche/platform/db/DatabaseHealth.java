package io.ruche.platform.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness: can the node reach its database? Answers within its own short budget (800 ms) whatever the pool's
 * connection timeout, so {@code /health} stays quick for load balancers during an outage. One check runs at a
 * time; callers that arrive meanwhile share it, so an outage cannot pile up threads.
 */
@Singleton
@Readiness
public class DatabaseHealth implements HealthIndicator {

    private static final long BUDGET_MILLIS = 800;

    private final DataSource dataSource;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        java.lang.Thread thread = new java.lang.Thread(runnable, "database-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Boolean> inFlight;

    public DatabaseHealth(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check);
    }

    HealthResult check() {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::reachable, checker);
            }
            probe = inFlight;
        }
        String problem;
        try {
            if (probe.get(BUDGET_MILLIS, TimeUnit.MILLISECONDS)) {
                return HealthResult.builder("database", HealthStatus.UP).build();
            }
            problem = "the database refused the connection";
        } catch (TimeoutException e) {
            problem = "the database did not answer within " + BUDGET_MILLIS + " ms";
        } catch (Exception e) {
            problem = "the database is unreachable";
        }
        return HealthResult.builder("database", HealthStatus.DOWN).details(problem).build();
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        checker.shutdownNow();
    }
}
