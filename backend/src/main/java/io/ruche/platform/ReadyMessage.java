package io.ruche.platform;

import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the person who started Ruche where to open it. */
@Singleton
public class ReadyMessage {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyMessage.class);

    @EventListener
    public void onServerStarted(ServerStartupEvent event) {
        LOG.info("Ruche is ready: open {} in your browser.", event.getSource().getURI());
    }
}
