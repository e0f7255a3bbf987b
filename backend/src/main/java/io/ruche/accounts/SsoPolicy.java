package io.ruche.accounts;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * "SSO only": members sign in through the brand's identity provider, never with a password of ours (the sign-in
 * form and sign-up refuse them); staff keep their password, a way in when the provider is down.
 */
@Singleton
public class SsoPolicy {

    private final Sql sql;

    public SsoPolicy(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public boolean ssoOnly() {
        return sql.query("SELECT sso_only FROM sso_settings WHERE id = 1", List.of(), rs -> rs.getBoolean(1)).stream()
                .findFirst().orElse(false);
    }

    @Transactional
    public void setSsoOnly(boolean on) {
        sql.update("UPDATE sso_settings SET sso_only = ? WHERE id = 1", List.of(on));
    }
}
