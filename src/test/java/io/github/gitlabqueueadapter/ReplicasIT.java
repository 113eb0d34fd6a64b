package io.github.gitlabqueueadapter;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three adapters from the packaged jar, as three pods, sharing one real Redis (Debian's redis-server, started here;
 * skipped without it unless -Dredis.required=true) and one WireMock GitLab: GitLab's requests are counted per project,
 * a replica is killed, an event is posted to one replica and read on another, and Redis is killed for 30 s.
 */
class ReplicasIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration LEASE_TTL = Duration.ofSeconds(3);
    private static final Duration MAX_STALENESS = Duration.ofSeconds(25);
    /** What a loaded CI machine may add to a poll's start or a request's way; far below what is told apart. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    /**
     * Rendezvous hashing gives each project to a replica at random: with 9 projects one of three replicas held none in
     * about 8 % of runs; with 24, in about 0.02 %.
     */
    private static final List<String> PROJECTS =
            IntStream.rangeClosed(1, 24).mapToObj(i -> "rep/app-" + i).toList();

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private WireMockServer gitlab;
    private GitLabStubs stubs;
    private RedisServer redis;

    /** One adapter: its process, port and log. */
    private record Replica(Process process, int port, Path log) {}

    @BeforeEach
    void start() {
        RedisServer.assumeInstalled();
        redis = RedisServer.start();
        gitlab =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        gitlab.start();
        stubs = new GitLabStubs(gitlab);
        PROJECTS.forEach(project -> stubs.jobs(project, pendingJob(4.0, "docker")));
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        if (gitlab != null) {
            gitlab.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Replica replica(Path dir, String name) throws IOException {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("HOSTNAME", name);
        env.put("GITLAB_URL", gitlab.baseUrl());
        env.put("GITLAB_TOKEN", "it-token-not-a-secret");
        env.put("ADAPTER_PROJECTS", String.join(",", PROJECTS));
        // 24 projects every 2 s are 720 requests a minute: above the default budget, and each replica alone during
        // a Redis outage must still poll every project on time with its third
        env.put("GITLAB_REQUESTS_PER_MINUTE", "6000");
        env.put("ADAPTER_POLL_INTERVAL", INTERVAL.toSeconds() + "s");
        env.put("ADAPTER_MAX_STALENESS", MAX_STALENESS.toSeconds() + "s");
        env.put("ADAPTER_WEBHOOK_SECRET", JobHooks.SECRET);
        env.put("ADAPTER_STORE", "redis");
        env.put("QUARKUS_REDIS_HOSTS", redis.uri());
        env.put("ADAPTER_REDIS_LEASE_TTL", LEASE_TTL.toSeconds() + "s");
        env.put("ADAPTER_REDIS_TIMEOUT", "1s");
        env.put("ADAPTER_REDIS_RETRY_INTERVAL", "500ms");
        env.put("ADAPTER_HISTORY_RETENTION", "10m"); // with 600 samples: one a second
        env.put("ADAPTER_HISTORY_MAX_SAMPLES", "600");
        Replica replica = new Replica(builder.start(), port, log);
        started.add(replica.process());
        return replica;
    }

    private List<Replica> threeReady(Path dir) throws IOException {
        List<Replica> replicas = List.of(replica(dir, "pod-a"), replica(dir, "pod-b"), replica(dir, "pod-c"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> replicas.stream().allMatch(r -> status(r, "/q/health/ready") == 200));
        Awaitility.await() // each has seen the other two in Redis, and the leases settled
                .atMost(Duration.ofSeconds(30))
                .until(() -> replicas.stream().allMatch(r -> metric(r, "gitlab_queue_store_replicas") == 3));
        sleep(INTERVAL.multipliedBy(2));
        return replicas;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(Replica replica, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + path))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(Replica replica, String path) {
        try {
            return get(replica, path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private double metric(Replica replica, String name) {
        try {
            Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.]+)$")
                    .matcher(get(replica, "/q/metrics").body());
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String pendingOf(HttpResponse<String> answer) {
        Matcher matcher = Pattern.compile("\"pending\":(\\d+)").matcher(answer.body());
        return matcher.find() ? matcher.group(1) : "none";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** GitLab's jobs requests per project since {@code since}. */
    private Map<String, List<Instant>> requestsSince(Instant since) {
        Map<String, List<Instant>> byProject = new HashMap<>();
        for (ServeEvent event : gitlab.getAllServeEvents()) {
            Instant at = event.getRequest().getLoggedDate().toInstant();
            String url = event.getRequest().getUrl();
            if (at.isBefore(since)) {
                continue;
            }
            for (String project : PROJECTS) {
                if (url.startsWith(GitLabStubs.jobsPath(project) + "?") || url.equals(GitLabStubs.jobsPath(project))) {
                    byProject.computeIfAbsent(project, p -> new ArrayList<>()).add(at);
                }
            }
        }
        byProject.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return byProject;
    }

    /** Asserts that GitLab was asked about each project once per interval within {@code window}, not once a replica. */
    private void assertOnePollPerProjectPerInterval(Duration window) {
        Instant from = Instant.now();
        sleep(window);
        Map<String, List<Instant>> requests = requestsSince(from);
        long intervals = window.dividedBy(INTERVAL);
        for (String project : PROJECTS) {
            int count = requests.getOrDefault(project, List.of()).size();
            assertTrue(
                    count >= intervals - 2 && count <= intervals + 1,
                    project + ": " + count + " requests in " + intervals + " intervals (three replicas polling alone"
                            + " would make " + 3 * intervals + ")");
        }
    }

    /** The longest time between two requests for a project since {@code since}, over every project. */
    private Duration longestGap(Instant since, Instant until) {
        Duration longest = Duration.ZERO;
        for (List<Instant> times : requestsSince(since).values()) {
            List<Instant> all = new ArrayList<>(times);
            all.add(until);
            for (int i = 1; i < all.size(); i++) {
                Duration gap = Duration.between(all.get(i - 1), all.get(i));
                longest = gap.compareTo(longest) > 0 ? gap : longest;
            }
        }
        return longest;
    }

    @Test
    void threeReplicasCostGitLabWhatOneCostsAndOneThatDiesIsReplaced(@TempDir Path dir) throws Exception {
        List<Replica> replicas = threeReady(dir);

        assertOnePollPerProjectPerInterval(INTERVAL.multipliedBy(8));
        for (Replica replica : replicas) {
            assertTrue(metric(replica, "gitlab_queue_store_leases_held") >= 1, "each replica polls its share");
        }

        Replica holder = replicas.stream()
                .max(Comparator.comparingDouble(r -> metric(r, "gitlab_queue_store_leases_held")))
                .orElseThrow();
        Instant killed = Instant.now();
        holder.process().destroyForcibly(); // SIGKILL: its leases are not let go, they expire
        holder.process().waitFor(10, TimeUnit.SECONDS);
        sleep(LEASE_TTL.plus(INTERVAL.multipliedBy(3)));

        Duration gap = longestGap(killed.minus(INTERVAL), Instant.now());
        assertTrue(
                gap.compareTo(INTERVAL.plus(LEASE_TTL).plus(SLACK)) <= 0,
                "every project polled again within interval + lease TTL of the kill; longest gap " + gap);
        List<Replica> alive = replicas.stream().filter(r -> r != holder).toList();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> alive.stream().allMatch(r -> metric(r, "gitlab_queue_store_replicas") == 2));
        assertOnePollPerProjectPerInterval(INTERVAL.multipliedBy(5));
    }

    @Test
    void anEventPostedToOneReplicaIsReadOnTheOthers(@TempDir Path dir) throws Exception {
        List<Replica> replicas = threeReady(dir);
        String project = PROJECTS.get(0);
        assertEquals("1", pendingOf(get(replicas.get(2), "/queues/projects/rep%2Fapp-1")));

        String event = JobHooks.event(880088L, "pending", project, null, "\"docker\"");
        HttpResponse<String> delivered = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + replicas.get(0).port() + "/webhooks/gitlab"))
                        .header("X-Gitlab-Event", "Job Hook")
                        .header("X-Gitlab-Token", JobHooks.SECRET)
                        .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, delivered.statusCode(), delivered.body());

        for (Replica other : replicas.subList(1, 3)) {
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> "2".equals(pendingOf(get(other, "/queues/projects/rep%2Fapp-1"))));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // seen about once in eight runs under a concurrent build: say all there is to know when it happens
                StringBuilder logs = new StringBuilder();
                for (Replica replica : replicas) {
                    List<String> lines = Files.readAllLines(replica.log(), StandardCharsets.UTF_8);
                    logs.append("\n--- replica on port ")
                            .append(replica.port())
                            .append(":\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
                }
                throw new AssertionError(
                        "the event answered " + delivered.body() + " on port "
                                + replicas.get(0).port()
                                + "; port " + other.port() + " still answers "
                                + get(other, "/queues/projects/rep%2Fapp-1").body() + logs,
                        e);
            }
        }
    }

    @Test
    void aReplicaThatStartsHasTheHistoryOfTheOthersAtOnce(@TempDir Path dir) throws Exception {
        threeReady(dir);
        String project = PROJECTS.get(0);
        stubs.jobs(project); // the queue empties, rises again, and a runner takes the job after 7.5 s
        sleep(INTERVAL.multipliedBy(2));
        stubs.jobs(project, pendingJob(0.5, "docker"));
        sleep(INTERVAL.multipliedBy(2));
        stubs.jobs(project, GitLabStubs.runningJob(41, 7.5, "docker"));
        sleep(INTERVAL.multipliedBy(2));

        Instant started = Instant.now();
        Replica late = replica(dir, "pod-d");
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> status(late, "/q/health/ready") == 200);

        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                Matcher at = Pattern.compile("\"at\":\"([^\"]+)\"")
                        .matcher(get(late, "/queues/projects/rep%2Fapp-1/history?since=10m")
                                .body());
                int before = 0;
                while (at.find()) {
                    before += Instant.parse(at.group(1)).isBefore(started) ? 1 : 0;
                }
                return before >= 3; // samples taken while this replica did not run yet
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "no history from before the start; the late replica's log:\n"
                            + Files.readString(late.log(), StandardCharsets.UTF_8),
                    e);
        }
        String events = get(late, "/queues/projects/rep%2Fapp-1/events").body();
        for (String type : List.of("\"demand\"", "\"runner-joined\"", "\"capacity\"")) {
            assertTrue(events.contains(type), type + " from before its start, read back: " + events);
        }
        String view = get(late, "/queues/projects/rep%2Fapp-1").body();
        assertTrue(view.contains("\"p95LastHour\":7.5"), "the wait the others saw: " + view);
        String log = Files.readString(late.log(), StandardCharsets.UTF_8);
        assertEquals(
                1,
                log.lines()
                        .filter(l -> l.contains("Project states are shared through Redis"))
                        .count(),
                "one store, made once, though Redis held states when it started:\n" + log);
    }

    @Test
    void aRedisOutageOf30SecondsChangesNoAnswerAndThePollsAreSharedAgainAfter(@TempDir Path dir) throws Exception {
        List<Replica> replicas = threeReady(dir);
        List<Long> linesBefore = new ArrayList<>(); // a JVM just started may miss Redis's timeout once: its own blip
        for (Replica replica : replicas) {
            linesBefore.add(Files.readString(replica.log(), StandardCharsets.UTF_8)
                    .lines()
                    .count());
        }

        redis.kill();
        Instant end = Instant.now().plusSeconds(30);
        int reads = 0;
        while (Instant.now().isBefore(end)) {
            for (Replica replica : replicas) {
                HttpResponse<String> answer = get(replica, "/queues/projects/rep%2Fapp-2");
                reads++;
                assertEquals(200, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("\"stale\":false"), answer.body());
                Matcher age = Pattern.compile("\"ageSeconds\":([0-9.]+)").matcher(answer.body());
                assertTrue(age.find() && Double.parseDouble(age.group(1)) < MAX_STALENESS.toSeconds(), answer.body());
                assertEquals(200, get(replica, "/q/health/ready").statusCode(), "ready through a Redis outage");
            }
            sleep(Duration.ofMillis(250));
        }
        assertTrue(reads > 100, reads + " reads");
        for (Replica replica : replicas) {
            assertEquals(0.0, metric(replica, "gitlab_queue_store_redis_up"), "each replica knows it is alone");
        }

        redis.restart();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replicas.stream()
                        .allMatch(r -> metric(r, "gitlab_queue_store_redis_up") == 1
                                && metric(r, "gitlab_queue_store_replicas") == 3));
        sleep(INTERVAL.multipliedBy(2)); // the leases are taken anew
        assertOnePollPerProjectPerInterval(INTERVAL.multipliedBy(6));
        for (int i = 0; i < replicas.size(); i++) {
            String log = Files.readString(replicas.get(i).log(), StandardCharsets.UTF_8);
            assertFalse(log.contains("\tat "), "no stack trace for an outage we expect:\n" + log);
            assertEquals(
                    1,
                    log.lines()
                            .skip(linesBefore.get(i))
                            .filter(l -> l.contains("this replica polls every project itself"))
                            .count(),
                    "the outage told once:\n" + log);
        }
    }
}
