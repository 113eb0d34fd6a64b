package io.github.gitlabqueueadapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.gitlabqueueadapter.support.JobHooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worst a holder of the webhook secret can send, many times, to the packaged jar run with the chart's JVM
 * settings (a 256 MiB pod, 30 % of it heap, the serial collector, an OutOfMemoryError ending the process): Job Hooks
 * with the most tags GitLab allows, each tag new, under the longest delivery id taken, for thousands of jobs, mixed
 * with events out of range. The adapter answers each 202 or 400, never a 500, stays up, and every queue still
 * answers; a project's state holds no more than its bound (the count says "capped").
 */
class WorstEventsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final List<String> PROJECTS = List.of("worst/one", "worst/two", "worst/three", "worst/four");
    private static final int EVENTS_PER_PROJECT = 3000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Process adapter;
    private WireMockServer gitlab;

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.destroyForcibly();
        }
        if (gitlab != null) {
            gitlab.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** 50 tags of 255 characters, none of them seen before: 12,750 characters no other job shares. */
    private static String newTags() {
        return IntStream.range(0, 50)
                .mapToObj(i -> "\"" + HexFormat.of().formatHex(bytes(128)).substring(0, 255) + "\"")
                .collect(Collectors.joining(","));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Test
    void theWorstEventsManyTimesLeaveEveryQueueAnsweringWithinTheChartsMemory(@TempDir Path dir) throws Exception {
        gitlab =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        gitlab.start();
        gitlab.stubFor(get(urlPathMatching("/api/v4/projects/.*/jobs"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")));
        int port = freePort();
        Path log = dir.resolve("adapter.log");
        ProcessBuilder builder = new ProcessBuilder(
                        "java",
                        "-XX:MaxRAM=256m",
                        "-XX:MinRAMPercentage=30",
                        "-XX:MaxRAMPercentage=30",
                        "-XX:+UseSerialGC",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("GITLAB_URL", gitlab.baseUrl());
        env.put("GITLAB_TOKEN", "it-token-not-a-secret");
        env.put("ADAPTER_PROJECTS", String.join(",", PROJECTS));
        env.put("ADAPTER_POLL_INTERVAL", "1s");
        env.put("ADAPTER_WEBHOOK_SECRET", JobHooks.SECRET);
        adapter = builder.start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> status(http, base + "/q/health/ready") == 200);

        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(PROJECTS.size());
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < PROJECTS.size(); p++) {
                String project = PROJECTS.get(p);
                long firstJob = 1_000_000L * (p + 1);
                sent.add(senders.submit(() -> flood(http, base, project, firstJob, statuses)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }

        assertTrue(adapter.isAlive(), "the adapter is still running:\n" + tail(log));
        assertEquals(
                Map.of(202, EVENTS_PER_PROJECT * 4L * 9 / 10, 400, EVENTS_PER_PROJECT * 4L / 10), counts(statuses));
        for (String project : PROJECTS) {
            HttpResponse<String> queue = send(http, base + "/queues/projects/" + project.replace("/", "%2F"));
            assertEquals(200, queue.statusCode(), queue.body());
            assertTrue(
                    queue.body().contains("\"capped\":true"),
                    "the project holds no more than its bound: "
                            + queue.body()
                                    .substring(0, Math.min(300, queue.body().length())));
        }
        assertEquals(200, status(http, base + "/queues"));
        assertEquals(200, status(http, base + "/"));
        String metrics = send(http, base + "/q/metrics").body();
        double heap = metrics.lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        System.out.printf("WorstEventsIT: heap in use after the flood %.1f MB, %s%n", heap / 1e6, counts(statuses));
        assertFalse(Files.readString(log, StandardCharsets.UTF_8).contains("OutOfMemoryError"), tail(log));
    }

    /** Posts the events of one project: nine in ten are new pending jobs with new tags, one in ten out of range. */
    private static void flood(HttpClient http, String base, String project, long firstJob, Map<Integer, AtomicLong> s) {
        for (int i = 0; i < EVENTS_PER_PROJECT; i++) {
            String body = JobHooks.event(firstJob + i, "pending", project, null, newTags());
            if (i % 10 == 9) {
                body = body.replace("2021-02-23T02:41:37.886Z", "-999999999-01-01T00:00:00Z");
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/gitlab"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Gitlab-Event", "Job Hook")
                    .header("X-Gitlab-Token", JobHooks.SECRET)
                    .header("X-Gitlab-Event-UUID", HexFormat.of().formatHex(bytes(32)))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                s.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            } catch (IOException e) {
                s.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<Integer, Long> counts(Map<Integer, AtomicLong> statuses) {
        return statuses.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private static HttpResponse<String> send(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpClient http, String url) {
        try {
            return send(http, url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
