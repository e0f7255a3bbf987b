package io.ruche.integrations;

import io.micronaut.context.annotation.Value;
import io.ruche.platform.jobs.JobHandler;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Sends one webhook delivery (a job of the {@code webhooks} lane, so a slow receiver delays only webhooks): a POST of
 * the stored JSON body with {@code X-Ruche-Event}, {@code X-Ruche-Delivery} (the same id on every attempt, for the
 * receiver's idempotence), {@code X-Ruche-Timestamp} and {@code X-Ruche-Signature: t=<timestamp>,v1=<hex
 * HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret>}. Connect and read time out; redirects are not
 * followed; any answer but 2xx is a failure the queue retries with back-off. After three failures in a row the
 * receiver gets a pause ({@code ruche.webhooks.pause-after-failures}): one slow or dead receiver cannot hold up the
 * deliveries of the others.
 */
@Singleton
public class WebhookSender implements JobHandler {

    private final Webhooks webhooks;
    private final Clock clock;
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration pause;

    public WebhookSender(Webhooks webhooks, Clock clock,
                         @Value("${ruche.webhooks.connect-timeout:5s}") Duration connectTimeout,
                         @Value("${ruche.webhooks.read-timeout:10s}") Duration readTimeout,
                         @Value("${ruche.webhooks.pause-after-failures:30s}") Duration pause) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.pause = pause;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Failures in a row after which a receiver is given a pause. */
    static final int PAUSE_AFTER = 3;

    @Override
    public String kind() {
        return Webhooks.JOB;
    }

    /** The signature header's value for a body sent at {@code timestamp} (seconds since the epoch). */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void run(String payload) throws Exception {
        long row = Long.parseLong(payload.strip());
        Webhooks.Attempt attempt = webhooks.attempt(row);
        if (attempt == null || "DELIVERED".equals(attempt.status())) {
            return; // deleted with its webhook, or already delivered (a job run twice)
        }
        if (!attempt.enabled()) {
            webhooks.gaveUp(row); // disabled meanwhile: kept in the log, sent again by hand once re-enabled
            return;
        }
        if (attempt.failuresInARow() >= PAUSE_AFTER
                && attempt.lastChange().isAfter(clock.instant().minus(pause))) {
            // A receiver failing again and again is left alone for a while: its deliveries wait (the queue backs
            // off) instead of each spending a timeout, so the other webhooks' deliveries are not held up behind it.
            String reason = "The receiver failed " + attempt.failuresInARow() + " times in a row; trying again later";
            webhooks.waiting(row, reason);
            throw new IOException(reason);
        }
        if (!WebhookTargets.allowed(attempt.url(), attempt.allowPrivateNetwork())) {
            String error = "The address is not a public one (or does not resolve); refused";
            webhooks.failed(row, null, null, error);
            throw new IOException(error);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url())).timeout(readTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Ruche-Webhooks/1")
                .header("X-Ruche-Event", attempt.eventType())
                .header("X-Ruche-Delivery", attempt.deliveryId())
                .header("X-Ruche-Timestamp", String.valueOf(timestamp))
                .header("X-Ruche-Signature", signature(attempt.secret(), timestamp, attempt.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(attempt.payload(), StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            webhooks.failed(row, null, null, error);
            throw e;
        }
        String excerpt;
        try (InputStream body = response.body()) {
            excerpt = new String(body.readNBytes(500), StandardCharsets.UTF_8);
        } catch (IOException e) {
            excerpt = "";
        }
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            webhooks.delivered(row, code, excerpt);
            return;
        }
        webhooks.failed(row, code, excerpt, "The receiver answered " + code);
        throw new IOException("Webhook receiver answered " + code);
    }

    @Override
    public void gaveUp(String payload, String error) {
        webhooks.gaveUp(Long.parseLong(payload.strip()));
    }
}
