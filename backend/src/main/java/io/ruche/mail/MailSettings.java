package io.ruche.mail;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * Mail configuration, from the environment ({@code RUCHE_SMTP_HOST}, {@code RUCHE_SMTP_PORT}, {@code RUCHE_SMTP_USER},
 * {@code RUCHE_SMTP_PASSWORD}, {@code RUCHE_SMTP_TLS}, {@code RUCHE_SMTP_FROM}) or application.yml. With no host,
 * mails are written to {@code <data-dir>/outbox} as .eml files instead of being sent.
 */
@Singleton
public class MailSettings {

    public enum Tls { NONE, STARTTLS, TLS }

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Tls tls;
    private final String from;
    private final Path outbox;
    private final String publicUrl;

    public MailSettings(@Value("${ruche.smtp.host:}") String host,
                        @Value("${ruche.smtp.port:587}") int port,
                        @Value("${ruche.smtp.user:}") String user,
                        @Value("${ruche.smtp.password:}") String password,
                        @Value("${ruche.smtp.tls:STARTTLS}") String tls,
                        @Value("${ruche.smtp.from:Ruche <noreply@localhost>}") String from,
                        @Value("${ruche.data-dir:./data}") String dataDir,
                        @Value("${ruche.public-url:}") String publicUrl) {
        this.host = host.strip();
        this.port = port;
        this.user = user.strip();
        this.password = password;
        this.tls = Tls.valueOf(tls.strip().toUpperCase(java.util.Locale.ROOT));
        this.from = from.strip();
        this.outbox = Path.of(dataDir).resolve("outbox");
        // The default is spelled here: a URL in a placeholder default would be cut at its first colon.
        String url = publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public boolean smtpConfigured() {
        return !host.isEmpty();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public Tls tls() {
        return tls;
    }

    public String from() {
        return from;
    }

    public Path outbox() {
        return outbox;
    }

    /** The address people reach the forum at; links in mails start with it. */
    public String publicUrl() {
        return publicUrl;
    }

    /** What the console shows: everything but the password. */
    @Serdeable
    public record View(String mode, String host, int port, String user, boolean passwordSet, String tls,
                       String from, String outbox, String publicUrl) {
    }

    public View view() {
        return new View(smtpConfigured() ? "SMTP" : "OUTBOX", host, port, user, !password.isEmpty(), tls.name(),
                from, outbox.toAbsolutePath().toString(), publicUrl);
    }
}
