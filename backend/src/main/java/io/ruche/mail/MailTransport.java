package io.ruche.mail;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Properties;

/** Builds the MIME message and hands it to the SMTP server, or writes it to the outbox folder when none is set. */
@Singleton
public class MailTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MailTransport.class);

    private final MailSettings settings;

    private final long connectTimeoutMillis;
    private final long readTimeoutMillis;

    public MailTransport(MailSettings settings,
                         @io.micronaut.context.annotation.Value("${ruche.smtp.connect-timeout:5s}") java.time.Duration connectTimeout,
                         @io.micronaut.context.annotation.Value("${ruche.smtp.read-timeout:10s}") java.time.Duration readTimeout) {
        this.connectTimeoutMillis = connectTimeout.toMillis();
        this.readTimeoutMillis = readTimeout.toMillis();
        this.settings = settings;
    }

    /** A mail ready to leave: both bodies rendered, headers decided. */
    /**
     * A mail ready to leave: both bodies rendered, headers decided. {@code calendarMethod} and {@code calendar}: an
     * iCalendar invitation (RFC 5546: REQUEST, CANCEL), sent as the {@code text/calendar; method=…} alternative that
     * Outlook and Gmail read to add or update the entry in place, and as an {@code invite.ics} attachment.
     */
    public record Outgoing(String to, String subject, String text, String html, String messageId,
                           String unsubscribeUrl, @io.micronaut.core.annotation.Nullable String calendarMethod,
                           @io.micronaut.core.annotation.Nullable String calendar) {
        public Outgoing(String to, String subject, String text, String html, String messageId, String unsubscribeUrl) {
            this(to, subject, text, html, messageId, unsubscribeUrl, null, null);
        }
    }

    public void send(Outgoing mail) throws MessagingException, IOException {
        Session session = session();
        MimeMessage message = build(session, mail);
        if (settings.smtpConfigured()) {
            try (Transport transport = session.getTransport(settings.tls() == MailSettings.Tls.TLS ? "smtps" : "smtp")) {
                if (settings.user().isEmpty()) {
                    transport.connect();
                } else {
                    transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } else {
            Path file = writeToOutbox(message, mail.messageId());
            LOG.info("No SMTP server configured: mail \"{}\" to {} written to {}", mail.subject(), mail.to(), file);
        }
    }

    private Path writeToOutbox(MimeMessage message, String messageId) throws IOException, MessagingException {
        Files.createDirectories(settings.outbox());
        String name = messageId.replaceAll("[^A-Za-z0-9._-]", "_") + ".eml";
        Path target = settings.outbox().resolve(name);
        Path partial = settings.outbox().resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        // Readers of the folder never see a half-written file.
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private Session session() {
        Properties props = new Properties();
        String protocol = settings.tls() == MailSettings.Tls.TLS ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("ruche.from", settings.from());
        props.put("mail." + protocol + ".host", settings.host());
        props.put("mail." + protocol + ".port", String.valueOf(settings.port()));
        // A hung mail server costs one mail a few seconds, then the job backs off and tries again later.
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(connectTimeoutMillis));
        props.put("mail." + protocol + ".timeout", String.valueOf(readTimeoutMillis));
        props.put("mail." + protocol + ".writetimeout", String.valueOf(readTimeoutMillis));
        if (!settings.user().isEmpty()) {
            props.put("mail." + protocol + ".auth", "true");
        }
        if (settings.tls() == MailSettings.Tls.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (settings.tls() != MailSettings.Tls.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(props);
    }

    MimeMessage build(Session session, Outgoing mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + mail.messageId() + ">");
            }
        };
        message.setFrom(new InternetAddress(fromOf(session, mail)));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (mail.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        if (mail.calendar() != null && mail.calendarMethod() != null) {
            String type = "text/calendar; method=" + mail.calendarMethod() + "; charset=UTF-8";
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(mail.calendar(), type);
            calendar.setHeader("Content-Type", type);
            calendar.setHeader("Content-Transfer-Encoding", "quoted-printable");
            alternative.addBodyPart(calendar);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setContent(mail.calendar(), "application/ics; name=\"invite.ics\"");
            attachment.setHeader("Content-Type", "application/ics; name=\"invite.ics\"");
            attachment.setDisposition("attachment; filename=\"invite.ics\"");
            attachment.setHeader("Content-Transfer-Encoding", "base64");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(attachment);
            message.setContent(mixed);
        } else {
            message.setContent(alternative);
        }
        message.saveChanges();
        return message;
    }

    private static String fromOf(Session session, Outgoing mail) {
        return session.getProperty("ruche.from");
    }
}
