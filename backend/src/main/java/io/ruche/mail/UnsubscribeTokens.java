package io.ruche.mail;

import io.ruche.platform.AppSecrets;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed unsubscribe tokens: {@code <memberId>.<scope>.<HMAC-SHA256>}. They work without signing in and only ever
 * change the mail settings of the member they name. The key lives in the database so every node checks the same.
 */
@Singleton
public class UnsubscribeTokens {

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,19})\\.([A-Z_]{1,24})\\.([A-Za-z0-9_-]{43})");

    private final AppSecrets secrets;
    private final MailSettings settings;

    public UnsubscribeTokens(AppSecrets secrets, MailSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    public record Claim(long memberId, String scope) {
    }

    public String sign(long memberId, String scope) {
        return memberId + "." + scope + "." + signature(memberId + "." + scope);
    }

    public Optional<Claim> verify(String token) {
        Matcher m = SHAPE.matcher(token == null ? "" : token);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] expected = signature(m.group(1) + "." + m.group(2)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Claim(Long.parseLong(m.group(1)), m.group(2)));
    }

    /** The URL mail providers post to (List-Unsubscribe, one click). */
    public String oneClickUrl(long memberId, String scope) {
        return settings.publicUrl() + "/api/v1/mail/unsubscribe/" + sign(memberId, scope);
    }

    /** The page the link in the mail's footer opens. */
    public String pageUrl(long memberId, String scope) {
        return settings.publicUrl() + "/unsubscribe/" + sign(memberId, scope);
    }

    private String signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get("unsubscribe"), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("unsubscribe:" + text).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
