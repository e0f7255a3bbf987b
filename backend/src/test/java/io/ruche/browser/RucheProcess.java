package io.ruche.browser;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The packaged jar, started as a person would start it: {@code java -jar ruche.jar} on a fresh data folder. */
final class RucheProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;

    private final Path dataDir;

    private RucheProcess(Process process, URI base, Path log, Path dataDir) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.dataDir = dataDir;
    }

    /**
     * The path and query of the first link to {@code path} in the newest mail to {@code address}: with no SMTP
     * configured, the jar writes each mail as an .eml file in its outbox folder, as a person running it would see.
     */
    String mailLink(String address, String path) {
        java.util.regex.Pattern link = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(path)
                + "\\?token=[A-Za-z0-9_%-]+");
        String[] found = new String[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Path outbox = dataDir.resolve("outbox");
            if (!Files.isDirectory(outbox)) {
                return false;
            }
            try (var files = Files.list(outbox)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted(
                        java.util.Comparator.comparingLong((Path f) -> f.toFile().lastModified()).reversed())
                        .toList()) {
                    jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(
                            jakarta.mail.Session.getInstance(new java.util.Properties()), Files.newInputStream(file));
                    if (!mail.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                        continue;
                    }
                    jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) mail.getContent();
                    Object first = parts.getBodyPart(0).getContent();
                    if (first instanceof jakarta.mail.internet.MimeMultipart nested) {
                        first = nested.getBodyPart(0).getContent(); // mixed: the alternative, then its text
                    }
                    java.util.regex.Matcher m = link.matcher(String.valueOf(first));
                    if (m.find()) {
                        found[0] = m.group();
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    /**
     * The iCalendar part (text/calendar, with its Content-Type) of the newest mail to {@code address} whose subject
     * contains {@code subject}, from the outbox folder.
     */
    String[] calendarMail(String address, String subject) {
        String[][] found = new String[1][];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Path outbox = dataDir.resolve("outbox");
            if (!Files.isDirectory(outbox)) {
                return false;
            }
            try (var files = Files.list(outbox)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted(
                        java.util.Comparator.comparingLong((Path f) -> f.toFile().lastModified()).reversed()).toList()) {
                    jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(
                            jakarta.mail.Session.getInstance(new java.util.Properties()), Files.newInputStream(file));
                    if (!mail.getAllRecipients()[0].toString().equalsIgnoreCase(address)
                            || !mail.getSubject().contains(subject)
                            || !(mail.getContent() instanceof jakarta.mail.internet.MimeMultipart mixed)
                            || !(mixed.getBodyPart(0).getContent() instanceof jakarta.mail.internet.MimeMultipart alt)) {
                        continue;
                    }
                    for (int i = 0; i < alt.getCount(); i++) {
                        if (alt.getBodyPart(i).isMimeType("text/calendar")) {
                            Object content = alt.getBodyPart(i).getContent();
                            String text = content instanceof String str ? str : new String(((java.io.InputStream) content)
                                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                            found[0] = new String[] {alt.getBodyPart(i).getContentType(), text};
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    /** Confirms a member's address through the link of their verification mail, as they would. */
    void verifyEmail(String address) {
        String link = mailLink(address, "/verify-email");
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("token=") + 6),
                java.nio.charset.StandardCharsets.UTF_8);
        io.ruche.support.Api.Response confirmed = new io.ruche.support.Api(base)
                .post("/api/v1/account/verification/confirm", Map.of("token", token));
        if (confirmed.status() != 200) {
            throw new IllegalStateException("Verification failed: " + confirmed.body());
        }
    }

    /** A new member with a confirmed address, as a journey needs them; returns their username. */
    String member(String prefix) {
        String name = io.ruche.support.TestMembers.uniqueName(prefix);
        new io.ruche.support.Api(base).registered(name);
        verifyEmail(name + "@example.test");
        return name;
    }

    static final String ADMIN_EMAIL = "admin@example.test";
    static final String ADMIN_PASSWORD = "Chef de ruche 2026";
    private static RucheProcess shared;

    /** One packaged Ruche for all browser journeys of the run, stopped when the JVM exits. */
    static synchronized RucheProcess shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start(Map.of("RUCHE_ADMIN_EMAIL", ADMIN_EMAIL, "RUCHE_ADMIN_PASSWORD", ADMIN_PASSWORD));
            RucheProcess running = shared;
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> {
                try {
                    running.close();
                } catch (InterruptedException e) {
                    java.lang.Thread.currentThread().interrupt();
                }
            }));
        }
        return shared;
    }

    static RucheProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        return start(environment, "it");
    }

    /** A jar of its own, with its data in {@code target/<name>-data} and its log in {@code target/<name>-ruche.log}. */
    static RucheProcess start(Map<String, String> environment, String name) throws IOException, InterruptedException {
        String jar = System.getProperty("ruche.jar", "target/ruche.jar");
        Path target = Path.of(System.getProperty("ruche.test.base-dir", "target"));
        Path dataDir = target.resolve(name + "-data");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = target.resolve(name + "-ruche.log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("RUCHE_DATA_DIR", dataDir.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.environment().remove("DATASOURCES_DEFAULT_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        URI base = URI.create("http://localhost:" + port);
        RucheProcess ruche = new RucheProcess(process, base, log, dataDir);
        ruche.awaitHealthy(Duration.ofMinutes(3));
        return ruche;
    }

    URI base() {
        return base;
    }

    Path dataDir() {
        return dataDir;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Asks the node to stop, as a service manager does (SIGTERM), and returns how long it took to exit. */
    Duration stop() throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("ruche.jar exited early:\n" + Files.readString(log));
                        }
                        return client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("ruche.jar did not become healthy in " + timeout + " (log: " + log + ")", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
