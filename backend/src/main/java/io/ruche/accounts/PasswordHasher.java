package io.ruche.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Argon2id with a random salt per password; the parameters travel inside the stored hash. */
@Singleton
public class PasswordHasher {

    private final Argon2Function function;
    private final String dummyHash;

    public PasswordHasher(@Value("${ruche.password.memory-kib:19456}") int memoryKib,
                          @Value("${ruche.password.iterations:2}") int iterations) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
        this.dummyHash = hash("not a real password, used to even out timing");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of a real check, so an unknown login answers as slowly as a wrong password. */
    public void burnTime(String password) {
        matches(password, dummyHash);
    }
}
