package io.github.gitlabqueueadapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.gitlabqueueadapter.support.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started and stopped as a container runtime does it: a wrong configuration ends the start with one
 * line per key and no stack trace; SIGTERM while polls wait on a slow GitLab stops it at once, without a trace.
 */
class StartAndStopIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private final List<Process> started = new ArrayList<>();
    private WireMockServer gitlab;

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        if (gitlab != null) {
            gitlab.stop();
        }
    }

    private Process start(Path log, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Starts the jar with a GitLab that never answers and {@code env}, which must end the start: what it wrote. */
    private String refusedStart(Path dir, Map<String, String> env) throws Exception {
        Path log = dir.resolve("out.log");
        Map<String, String> all = new HashMap<>(env);
        all.put("GITLAB_URL", "http://127.0.0.1:9");
        all.put("ADAPTER_PROJECTS", "group/app");
        Process process = start(log, all);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the start ends");
        assertEquals(1, process.exitValue());
        return read(log);
    }

    @Test
    void aWrongConfigurationNamesEachKeyOnceAndPrintsNoStackTrace(@TempDir Path dir) throws Exception {
        String out = refusedStart(dir, Map.of("ADAPTER_MAX_PAGES", "0", "ADAPTER_POLL_CONCURRENCY", "0"));
        assertEquals(
                1,
                out.lines()
                        .filter(l -> l.contains("adapter.max-pages (env ADAPTER_MAX_PAGES)"))
                        .count(),
                out);
        assertEquals(
                1,
                out.lines()
                        .filter(l -> l.contains("adapter.poll-concurrency (env ADAPTER_POLL_CONCURRENCY)"))
                        .count(),
                out);
        assertFalse(out.contains("\tat "), out);
        assertTrue(out.contains("The adapter does not start: 2 configuration problems"), out);
    }

    @Test
    void aPasswordRedisRefusesEndsTheStartWithOneLineNamingItsKey(@TempDir Path dir) throws Exception {
        RedisServer.assumeInstalled();
        try (RedisServer redis = RedisServer.start("--requirepass", "the-right-one")) {
            String out = refusedStart(
                    dir,
                    Map.of(
                            "ADAPTER_STORE", "redis",
                            "QUARKUS_REDIS_HOSTS", redis.uri(),
                            "QUARKUS_REDIS_PASSWORD", "a-wrong-one"));
            List<String> named = out.lines()
                    .filter(l -> l.contains("quarkus.redis.password (env QUARKUS_REDIS_PASSWORD): Redis refuses"))
                    .toList();
            assertEquals(1, named.size(), out);
            assertTrue(named.get(0).contains("WRONGPASS"), out);
            assertFalse(out.contains("a-wrong-one"), "the password is never logged:\n" + out);
            assertFalse(out.contains("\tat "), out);
            assertFalse(out.contains("Redis unreachable"), "no outage is logged before:\n" + out);
            assertTrue(out.contains("The adapter does not start: 1 configuration problem"), out);
        }
    }

    @Test
    void aStartWithRedisWarnsOfNoMeterRegisteredTwice(@TempDir Path dir) throws Exception {
        RedisServer.assumeInstalled();
        try (RedisServer redis = RedisServer.start()) {
            Path log = dir.resolve("out.log");
            Process process = start(
                    log,
                    Map.of(
                            "GITLAB_URL", "http://127.0.0.1:9",
                            "ADAPTER_PROJECTS", "group/app",
                            "ADAPTER_STORE", "redis",
                            "QUARKUS_REDIS_HOSTS", redis.uri()));
            // the store's subscription and the leases' calls are two connections of one client before this line
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> read(log).contains("started in"));
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped");
            String out = read(log);
            assertTrue(out.contains("Project states are shared through Redis"), out);
            assertFalse(out.contains("already registered"), out);
        }
    }

    @Test
    void sigtermWhilePollsWaitOnGitLabStopsAtOnceWithoutAStackTrace(@TempDir Path dir) throws Exception {
        gitlab =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        gitlab.start();
        gitlab.stubFor(get(urlPathMatching("/api/v4/projects/.*/jobs"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")
                        .withFixedDelay(4000)));
        Path log = dir.resolve("out.log");
        Process process = start(
                log,
                Map.of(
                        "GITLAB_URL", gitlab.baseUrl(),
                        "GITLAB_TIMEOUT", "10s",
                        "ADAPTER_PROJECTS", "a/one,a/two,a/three,a/four,a/five,a/six",
                        "ADAPTER_POLL_INTERVAL", "2s"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> gitlab.getAllServeEvents().size() >= 4); // polls are waiting on GitLab now
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped");
        String out = read(log);
        assertTrue(out.contains("stopped in"), out);
        assertFalse(out.contains("\tat "), out);
        assertFalse(out.contains("Exception in thread"), out);
        assertFalse(out.contains("poll failed"), "a poll cut short by shutdown is not GitLab failing:\n" + out);
    }
}
