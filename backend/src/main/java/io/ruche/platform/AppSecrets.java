package io.ruche.platform;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets every node must agree on (signing keys), generated once and kept in the database. The first node to ask
 * creates it; the others read the same value.
 */
@Singleton
public class AppSecrets {

    private final Sql sql;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public AppSecrets(Sql sql) {
        this.sql = sql;
    }

    public byte[] get(String name) {
        return cache.computeIfAbsent(name, this::loadOrCreate);
    }

    @Transactional
    protected byte[] loadOrCreate(String name) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        sql.update("INSERT IGNORE INTO app_secrets (name, value) VALUES (?, ?)",
                List.of(name, Base64.getEncoder().encodeToString(fresh)));
        String stored = sql.query("SELECT value FROM app_secrets WHERE name = ?", List.of(name),
                rs -> rs.getString(1)).get(0);
        return Base64.getDecoder().decode(stored);
    }

    /** Forgets a secret on every node's next read (a short-lived salt whose day is over): nothing can be re-derived. */
    @Transactional
    public void forget(String name) {
        cache.remove(name);
        sql.update("DELETE FROM app_secrets WHERE name = ?", List.of(name));
    }
}
