package io.ruche.platform;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts the secrets Ruche must send back out (webhook signing secrets, identity providers' client secrets) with
 * AES-GCM. The key is {@code RUCHE_SECRETS_KEY} (32 bytes, base64) when set — kept out of the database, so a copy of
 * the database alone reveals nothing — else one generated and kept in {@code app_secrets}.
 */
@Singleton
public class SecretBox {

    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppSecrets secrets;
    private final String configured;

    public SecretBox(AppSecrets secrets, @Value("${ruche.secrets.key:}") String configured) {
        this.secrets = secrets;
        this.configured = configured;
    }

    private SecretKeySpec key() {
        byte[] bytes = configured.isBlank() ? secrets.get("secret-box") : Base64.getDecoder().decode(configured.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("ruche.secrets.key must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String seal(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    public String open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt a secret (was RUCHE_SECRETS_KEY changed?)", e);
        }
    }
}
