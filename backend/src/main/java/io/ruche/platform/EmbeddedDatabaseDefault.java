package io.ruche.platform;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * When no URL is configured for the default datasource, starts the embedded MariaDB and points the datasource
 * at it, before the pool (and Flyway, which waits on the pool) opens.
 */
@Singleton
public class EmbeddedDatabaseDefault implements BeanInitializedEventListener<DatasourceConfiguration>,
        io.micronaut.context.event.BeanDestroyedEventListener<javax.sql.DataSource> {

    private volatile boolean startedHere;

    /**
     * The pool closed: every bean that writes (jobs, the view counter's flush) has already been destroyed, since
     * they depend on it. Only now does the embedded server stop.
     */
    @Override
    public void onDestroyed(io.micronaut.context.event.BeanDestroyedEvent<javax.sql.DataSource> event) {
        if (startedHere) {
            startedHere = false;
            EmbeddedMariaDb.stopAfterApplication();
        }
    }

    private final Path dataDir;
    private final String configuredUrl;

    private final String bufferPool;

    public EmbeddedDatabaseDefault(@Value("${ruche.data-dir:./data}") String dataDir,
                                   @Value("${datasources.default.url:}") String configuredUrl,
                                   @Value("${ruche.embedded-db.buffer-pool:512M}") String bufferPool) {
        this.dataDir = Path.of(dataDir);
        this.bufferPool = bufferPool;
        this.configuredUrl = configuredUrl;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if ("default".equals(config.getName()) && configuredUrl.isBlank()) {
            config.setUrl(EmbeddedMariaDb.start(dataDir, bufferPool));
            EmbeddedMariaDb.ownedByApplication();
            startedHere = true;
            config.setUsername(EmbeddedMariaDb.USER);
            config.setPassword(EmbeddedMariaDb.password());
        }
        return config;
    }
}
