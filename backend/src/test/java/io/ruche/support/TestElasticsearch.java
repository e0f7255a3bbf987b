package io.ruche.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * One real Elasticsearch node for the whole test run, from the distribution Maven unpacks into target/ (see the
 * backend pom). Elasticsearch refuses to run as root, so under root (CI) it runs as the system user
 * {@code ruche-es}, created if missing. {@code RUCHE_TEST_ELASTICSEARCH_URL} names an existing node instead.
 */
public final class TestElasticsearch {

    private static String url;
    private static Process process;

    private TestElasticsearch() {
    }

    public static synchronized String url() {
        if (url != null) {
            return url;
        }
        String external = System.getenv("RUCHE_TEST_ELASTICSEARCH_URL");
        if (external != null && !external.isBlank()) {
            url = external;
            return url;
        }
        try {
            url = start();
            return url;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the test Elasticsearch node", e);
        }
    }

    private static String start() throws IOException {
        Path home = Path.of(System.getProperty("ruche.test.elasticsearch-home", "target/elasticsearch/elasticsearch-8.19.21"))
                .toAbsolutePath();
        if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("No Elasticsearch distribution at " + home + " (the build unpacks it)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = home.resolve("test-data-" + port);
        Path log = home.resolve("test-node-" + port + ".log");
        List<String> command = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run("sh", "-c", "id -u ruche-es >/dev/null 2>&1 || useradd --system --no-create-home ruche-es");
            run("chown", "-R", "ruche-es", home.toString());
            command.addAll(List.of("runuser", "-u", "ruche-es", "--"));
        }
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(), "-E", "discovery.type=single-node",
                "-E", "xpack.security.enabled=false", "-E", "http.port=" + port, "-E", "transport.port=0",
                "-E", "path.data=" + data, "-E", "cluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> process.destroy(), "stop-test-elasticsearch"));
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newHttpClient();
        // GET / answers 405 on this distribution: cluster health tells readiness.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited:\n" + Files.readString(log));
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base
                    + "/_cluster/health?wait_for_status=yellow&timeout=1s")).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        });
        return base;
    }

    private static void run(String... command) throws IOException {
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + code);
            }
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
