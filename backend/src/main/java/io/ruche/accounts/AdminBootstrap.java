package io.ruche.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.ruche.platform.ProblemException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the first administrator from RUCHE_ADMIN_EMAIL and RUCHE_ADMIN_PASSWORD when no admin exists. */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final io.ruche.platform.db.StartupLock startupLock;
    private final String email;
    private final String password;
    private final String username;

    public AdminBootstrap(AccountService accounts, io.ruche.platform.db.StartupLock startupLock,
                          @Value("${ruche.admin.email:}") String email,
                          @Value("${ruche.admin.password:}") String password,
                          @Value("${ruche.admin.username:admin}") String username) {
        this.accounts = accounts;
        this.startupLock = startupLock;
        this.email = email;
        this.password = password;
        this.username = username;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (email.isBlank() || password.isBlank()) {
            if (accounts.setupRequired()) {
                LOG.info("No administrator yet: open the forum in a browser to create one on the setup page.");
            }
            return;
        }
        try {
            // Nodes starting together create one administrator: the others wait, then find it there.
            if (startupLock.holding("ruche.bootstrap-admin", () -> accounts.bootstrapAdmin(username, email, password))) {
                LOG.info("Created the administrator '{}' <{}> from RUCHE_ADMIN_EMAIL.", username, email);
            }
        } catch (ProblemException e) {
            throw new IllegalStateException("RUCHE_ADMIN_EMAIL / RUCHE_ADMIN_PASSWORD / RUCHE_ADMIN_USERNAME do not "
                    + "describe a valid account: " + e.code() + " " + e.fieldErrors() + "; fix them and start again.", e);
        }
    }
}
