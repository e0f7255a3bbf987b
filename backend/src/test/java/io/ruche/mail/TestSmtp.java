package io.ruche.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) on a free port, that a test can stop and start again to play an outage. */
public final class TestSmtp {

    private final int port;
    private GreenMail server;

    public TestSmtp() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> properties() {
        return Map.of("ruche.smtp.host", "127.0.0.1", "ruche.smtp.port", String.valueOf(port),
                "ruche.smtp.tls", "NONE", "ruche.smtp.from", "Ruche <community@example.test>",
                "ruche.public-url", "https://forum.example.test");
    }

    public void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(type)) {
                return (String) multipart.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** The token of the first link to {@code path} in the plain-text part. */
    static String token(MimeMessage message, String path) throws Exception {
        Matcher m = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_%-]+)").matcher(part(message, "text/plain"));
        if (!m.find()) {
            throw new AssertionError("no link to " + path + " in " + part(message, "text/plain"));
        }
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }
}
