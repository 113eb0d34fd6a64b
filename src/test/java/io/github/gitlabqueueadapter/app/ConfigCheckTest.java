package io.github.gitlabqueueadapter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of ConfigCheck on configurations written as properties (adapter.projects=group/app,42 and defaults): the
 * bounds declared on the mappings as a table, a row per key and bound, and the rules across keys.
 */
class ConfigCheckTest {

    private static final String TOKEN = "glpat-secret-value";
    private static final GitLabConfig GITLAB = TestConfigs.gitlab("gitlab.token", TOKEN);
    private static final AdapterConfig ADAPTER = TestConfigs.adapter();

    private static String onlyProblem(GitLabConfig gitlab, AdapterConfig adapter) {
        List<String> problems = ConfigCheck.problems(gitlab, adapter);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void theDefaultsWithAProjectAreValid() {
        assertEquals(List.of(), ConfigCheck.problems(GITLAB, ADAPTER));
    }

    @Test
    void eachProblemNamesTheKeyAndItsEnvVar() {
        String line = onlyProblem(GITLAB, TestConfigs.adapter("adapter.max-pages", "0"));
        assertTrue(line.startsWith("adapter.max-pages (env ADAPTER_MAX_PAGES): is 0"), line);
    }

    /** Each constrained key with a value out of its bounds, and the one line that names it. */
    static Stream<Arguments> outOfBounds() {
        return Stream.of(
                row("gitlab.timeout", "0s", "is PT0S; must be longer than zero"),
                row("gitlab.requests-per-minute", "0", "is 0; must be 1 to 100000"),
                row("gitlab.requests-per-minute", "100001", "is 100001; must be 1 to 100000"),
                row("gitlab.max-retries", "-1", "is -1; must be 0 to 10"),
                row("gitlab.max-retries", "11", "is 11; must be 0 to 10"),
                row("gitlab.max-page-size", "1K", "is 1024 bytes; must be 64K to 256M"),
                row("gitlab.max-page-size", "512M", "is 536870912 bytes; must be 64K to 256M"),
                row("gitlab.proxy.port", "0", "is 0; must be 1 to 65535"),
                row("adapter.group-refresh", "5s", "is PT5S; must be at least 10s"),
                row("adapter.runner-refresh", "5s", "is PT5S; must be 10s to 1d"),
                row("adapter.runner-refresh", "2d", "is PT48H; must be 10s to 1d"),
                row("adapter.max-group-projects", "0", "is 0; must be 1 to 100000"),
                row("adapter.poll-interval", "500ms", "is PT0.5S; must be 1s to 1h"),
                row("adapter.poll-interval", "2h", "is PT2H; must be 1s to 1h"),
                row("adapter.reconcile-interval", "0s", "is PT0S; must be 1s to 24h"),
                row("adapter.reconcile-interval", "25h", "is PT25H; must be 1s to 24h"),
                row("adapter.max-pages", "0", "is 0; must be 1 to 500 (GitLab refuses offset pages past 50,000 jobs)"),
                row(
                        "adapter.max-pages",
                        "501",
                        "is 501; must be 1 to 500 (GitLab refuses offset pages past 50,000 jobs)"),
                row("adapter.poll-concurrency", "0", "is 0; must be 1 to 64"),
                row("adapter.poll-concurrency", "65", "is 65; must be 1 to 64"),
                row("adapter.redis.key-prefix", "my prefix", "is 'my prefix'; " + PRINTABLE_ASCII),
                row("adapter.redis.key-prefix", "x".repeat(65), "is '" + "x".repeat(65) + "'; " + PRINTABLE_ASCII),
                row("adapter.redis.timeout", "5ms", "is PT0.005S; must be 10ms to 1m"),
                row("adapter.redis.timeout", "2m", "is PT2M; must be 10ms to 1m"),
                row("adapter.redis.retry-interval", "10ms", "is PT0.01S; must be 100ms to 5m"),
                row("adapter.redis.retry-interval", "10m", "is PT10M; must be 100ms to 5m"),
                row("adapter.redis.lease-ttl", "500ms", "is PT0.5S; must be 1s to 10m"),
                row("adapter.redis.lease-ttl", "11m", "is PT11M; must be 1s to 10m"),
                row("adapter.redis.replicas", "0", "is 0; must be 1 to 100"),
                row("adapter.redis.replicas", "101", "is 101; must be 1 to 100"),
                row("adapter.redis.delivery-ttl", "5s", "is PT5S; must be 10s to 1d"),
                row("adapter.redis.delivery-ttl", "2d", "is PT48H; must be 10s to 1d"),
                row("adapter.history.retention", "30s", "is PT30S; must be 1m to 7d"),
                row("adapter.history.retention", "8d", "is PT192H; must be 1m to 7d"),
                row("adapter.history.max-samples", "5", "is 5; must be 10 to 100000"),
                row("adapter.history.max-runners", "0", "is 0; must be 1 to 10000"),
                row("adapter.history.max-readers", "500", "is 500; must be 1 to 100"),
                row("adapter.forecast.horizon", "0s", "is PT0S; must be longer than zero and at most 1h"),
                row("adapter.forecast.horizon", "2h", "is PT2H; must be longer than zero and at most 1h"),
                row("adapter.forecast.window", "30s", "is PT30S; must be at least 1m"),
                row("adapter.scaling.runner-gone", "30s", "is PT30S; must be 1m to 1d"),
                row("adapter.scaling.reader-pause", "2d", "is PT48H; must be 10s to 1d"),
                row("adapter.scaling.wait-threshold", "0s", "is PT0S; must be 1s to 1d"),
                row("adapter.scaling.burst-jobs", "1", "is 1; must be 2 to 100000"),
                row("adapter.scaling.max-events", "1000000", "is 1000000; must be 10 to 100000"),
                row("adapter.scaling.max-waits", "5", "is 5; must be 10 to 1000000"),
                row("adapter.webhook.remembered-events", "0", "is 0; must be 1 to 1000000"),
                row("adapter.auth.header-name", "X API", "is 'X API'; must be an HTTP header name"),
                row("adapter.auth.query-param", "api key", "is 'api key'; must be a plain parameter name"),
                row("adapter.kubernetes.interval", "1s", "is PT1S; must be 5s to 1h"),
                row("adapter.kubernetes.interval", "2h", "is PT2H; must be 5s to 1h"),
                row("adapter.kubernetes.timeout", "50ms", "is PT0.05S; must be 100ms to 1m"),
                row("adapter.kubernetes.max-objects", "0", "is 0; must be 1 to 10000"),
                row("adapter.kubernetes.max-objects", "10001", "is 10001; must be 1 to 10000"),
                row("adapter.kubernetes.namespace", "CI_runners", "is 'CI_runners'; " + NAMESPACE));
    }

    private static final String PRINTABLE_ASCII = "must be 1 to 64 printable ASCII characters, no blanks";
    private static final String NAMESPACE = "must be a namespace name (lower-case letters, digits and '-', at most 63)";

    private static Arguments row(String setting, String value, String message) {
        return Arguments.of(setting, value, message);
    }

    /** What a key is read with: the Redis keys with the Redis store, the proxy's with a host, Kubernetes's when on. */
    private static List<String> problems(String setting, String value) {
        if (setting.startsWith("adapter.kubernetes.")) {
            return ConfigCheck.problems(TestConfigs.kubernetes("adapter.kubernetes.enabled", "true", setting, value));
        }
        String[] context = setting.startsWith("adapter.redis.")
                ? new String[] {"adapter.store", "redis"}
                : setting.startsWith("gitlab.proxy.") ? new String[] {"gitlab.proxy.host", "proxy"} : new String[0];
        String[] keyValues = java.util.stream.Stream.concat(java.util.Arrays.stream(context), Stream.of(setting, value))
                .toArray(String[]::new);
        return ConfigCheck.problems(
                setting.startsWith("gitlab.")
                        ? TestConfigs.gitlab(java.util.stream.Stream.concat(
                                        Stream.of("gitlab.token", TOKEN), java.util.Arrays.stream(keyValues))
                                .toArray(String[]::new))
                        : GITLAB,
                setting.startsWith("adapter.") ? TestConfigs.adapter(keyValues) : ADAPTER);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("outOfBounds")
    void aValueOutOfItsBoundsIsOneLineNamingItsKeyAndEnvVar(String setting, String value, String message) {
        String env =
                setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        List<String> lines = problems(setting, value).stream()
                .filter(line -> line.startsWith(setting + " "))
                .toList();
        assertEquals(List.of(setting + " (env " + env + "): " + message), lines);
    }

    @Test
    void keysTheConfigurationLeavesUnusedAreNotChecked() {
        assertEquals(List.of(), ConfigCheck.problems(GITLAB, TestConfigs.adapter("adapter.redis.timeout", "0s")));
        assertEquals(List.of(), ConfigCheck.problems(TestConfigs.gitlab("gitlab.proxy.port", "0"), ADAPTER));
        assertEquals(List.of(), ConfigCheck.problems(TestConfigs.kubernetes("adapter.kubernetes.interval", "1ms")));
        assertEquals(List.of(), ConfigCheck.problems(TestConfigs.kubernetes("adapter.kubernetes.enabled", "true")));
        assertEquals(
                AdapterConfig.Store.REDIS,
                TestConfigs.adapter("adapter.store", "redis").store(),
                "written in lower case");
    }

    @Test
    void everyBadKeyIsNamedOnceWhateverItsRangeAndItsRulesAcrossKeysSay() {
        List<String> problems = ConfigCheck.problems(
                GITLAB,
                TestConfigs.adapter(
                        "adapter.store", "redis",
                        "adapter.redis.lease-ttl", "500ms",
                        "adapter.poll-interval", "2h",
                        "adapter.max-pages", "0"));
        assertEquals(
                List.of(
                        "adapter.max-pages (env ADAPTER_MAX_PAGES): is 0; must be 1 to 500 (GitLab refuses offset"
                                + " pages past 50,000 jobs)",
                        "adapter.poll-interval (env ADAPTER_POLL_INTERVAL): is PT2H; must be 1s to 1h",
                        "adapter.redis.lease-ttl (env ADAPTER_REDIS_LEASE_TTL): is PT0.5S; must be 1s to 10m"),
                problems.subList(0, 3),
                "the bounds first, by key; a lease shorter than twice the timeout is not named again");
        assertTrue(
                problems.get(3).startsWith("adapter.max-staleness (env ADAPTER_MAX_STALENESS): is 120s"),
                problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void rulesAcrossKeysNameBothKeys() {
        assertEquals(
                List.of("adapter.redis.lease-ttl (env ADAPTER_REDIS_LEASE_TTL): is PT3S; must be at least twice"
                        + " adapter.redis.timeout (renewed every third of it)"),
                ConfigCheck.problems(
                        GITLAB, TestConfigs.adapter("adapter.store", "redis", "adapter.redis.lease-ttl", "3s")));
        assertEquals(
                List.of("adapter.redis.state-ttl (env ADAPTER_REDIS_STATE_TTL): is 300s; must outlast"
                        + " adapter.reconcile-interval + adapter.max-staleness (420s), or a watched project's state"
                        + " would expire between polls"),
                ConfigCheck.problems(
                        GITLAB, TestConfigs.adapter("adapter.store", "redis", "adapter.redis.state-ttl", "5m")));
        assertEquals(
                List.of("adapter.redis.password-file (env ADAPTER_REDIS_PASSWORD_FILE): '/no/such/file' is not a"
                        + " readable file"),
                ConfigCheck.problems(
                        GITLAB,
                        TestConfigs.adapter("adapter.store", "redis", "adapter.redis.password-file", "/no/such/file")));
        assertEquals(
                List.of("adapter.forecast.window (env ADAPTER_FORECAST_WINDOW): is PT7H; must be at most"
                        + " adapter.history.retention (PT6H)"),
                ConfigCheck.problems(GITLAB, TestConfigs.adapter("adapter.forecast.window", "7h")));
        assertEquals(
                List.of("adapter.kubernetes.timeout (env ADAPTER_KUBERNETES_TIMEOUT): is PT10S; must be shorter than"
                        + " adapter.kubernetes.interval"),
                ConfigCheck.problems(TestConfigs.kubernetes(
                        "adapter.kubernetes.enabled", "true",
                        "adapter.kubernetes.interval", "10s",
                        "adapter.kubernetes.timeout", "10s")));
        String sparse = onlyProblem(GITLAB, TestConfigs.adapter("adapter.history.retention", "7d"));
        assertTrue(
                sparse.startsWith("adapter.forecast.window (env ADAPTER_FORECAST_WINDOW): is PT10M; it must hold 6"
                                + " samples")
                        && sparse.contains("adapter.history.max-samples"),
                sparse); // 280 s a sample: 3 in 10 min
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB,
                        TestConfigs.adapter(
                                "adapter.history.retention", "1d",
                                "adapter.history.max-samples", "8640",
                                "adapter.history.max-runners", "100",
                                "adapter.history.max-readers", "4",
                                "adapter.forecast.horizon", "90s",
                                "adapter.forecast.window", "15m")));
    }

    @Test
    void rejectsUrlsThatAreNotHttpOrCarryCredentials() {
        for (String url : List.of(
                "gitlab.example.com",
                "ftp://gitlab.example.com",
                "https://user:pw@gitlab.example.com",
                "https://gitlab.example.com/?x=1",
                "http://",
                "https://oauth2:glpat-secret@gitlab_int.example.com",
                "https://oauth2:glpat secret@gitlab.example.com")) {
            String line = onlyProblem(TestConfigs.gitlab("gitlab.url", url, "gitlab.token", TOKEN), ADAPTER);
            assertTrue(line.startsWith("gitlab.url (env GITLAB_URL)"), line);
            assertFalse(
                    line.contains("pw") || line.contains("glpat"), "a credential in the URL is not repeated: " + line);
        }
    }

    @Test
    void aTokenAndATokenFileTogetherAreAmbiguous(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "glpat-from-file");
        String line =
                onlyProblem(TestConfigs.gitlab("gitlab.token", TOKEN, "gitlab.token-file", file.toString()), ADAPTER);
        assertTrue(line.startsWith("gitlab.token-file"), line);
        assertFalse(line.contains("glpat"), "no token value in the message: " + line);
    }

    @Test
    void anUnreadableTokenFileFailsTheStart(@TempDir Path dir) {
        String line = onlyProblem(
                TestConfigs.gitlab("gitlab.token-file", dir.resolve("absent").toString()), ADAPTER);
        assertTrue(line.startsWith("gitlab.token-file (env GITLAB_TOKEN_FILE)"), line);
    }

    @Test
    void needsAtLeastOneWellFormedProject() {
        assertTrue(onlyProblem(GITLAB, TestConfigs.adapter("adapter.projects", ""))
                .startsWith("adapter.projects (env ADAPTER_PROJECTS): no project"));
        String line = onlyProblem(GITLAB, TestConfigs.adapter("adapter.projects", "group/app,group/../x"));
        assertTrue(line.contains("'group/../x'"), line);
    }

    @Test
    void staleNumbersMustOutliveOnePollInterval() {
        String line = onlyProblem(
                GITLAB, TestConfigs.adapter("adapter.poll-interval", "30s", "adapter.max-staleness", "30s"));
        assertTrue(line.startsWith("adapter.max-staleness"), line);
    }

    @Test
    void aMaxStalenessThatCannotOutlastOnePollsAttemptsIsRefusedNamingBothNumbers() {
        // poll every 1 s, 503 after 10 s, but one poll may take 3 x 5 s plus backoff against a hanging GitLab
        String line =
                onlyProblem(GITLAB, TestConfigs.adapter("adapter.poll-interval", "1s", "adapter.max-staleness", "10s"));
        assertTrue(line.startsWith("adapter.max-staleness (env ADAPTER_MAX_STALENESS): is 10s"), line);
        assertTrue(line.contains("20.7s (adapter.poll-interval 1s + 3 attempts of gitlab.timeout 5s"), line);
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        TestConfigs.gitlab("gitlab.token", TOKEN, "gitlab.timeout", "2s"),
                        TestConfigs.adapter("adapter.poll-interval", "1s", "adapter.max-staleness", "10s")),
                "with a 2 s timeout one poll takes at most 7.95 s");
    }

    @Test
    void apiKeysMustBeLongAndNeverRepeated() {
        String line =
                onlyProblem(GITLAB, TestConfigs.adapter("adapter.auth.api-keys", "long-enough-key-0123456789,short"));
        assertTrue(
                line.startsWith("adapter.auth.api-keys (env ADAPTER_AUTH_API_KEYS): a key is shorter than 16"), line);
        assertFalse(line.contains("short'") || line.contains("long-enough"), line);
    }

    @Test
    void basicNeedsBothHalves() {
        String line = onlyProblem(GITLAB, TestConfigs.adapter("adapter.auth.basic.username", "keda"));
        assertTrue(line.startsWith("adapter.auth.basic.password"), line);
    }

    @Test
    void aCaFileMustHoldCertificates(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN NOTHING-----\n");
        String line = onlyProblem(
                TestConfigs.gitlab("gitlab.token", TOKEN, "gitlab.tls.ca-file", notPem.toString()), ADAPTER);
        assertTrue(line.startsWith("gitlab.tls.ca-file (env GITLAB_TLS_CA_FILE)"), line);
        line = onlyProblem(
                TestConfigs.gitlab(
                        "gitlab.token", TOKEN, "gitlab.tls.ca-file", notPem.toString(), "gitlab.tls.insecure", "true"),
                ADAPTER);
        assertTrue(line.startsWith("gitlab.tls.insecure"), line);
    }

    @Test
    void poolsNeedAUsableNameAndProjects() {
        String line = onlyProblem(GITLAB, TestConfigs.adapter("adapter.pools.docker.projects", ""));
        assertTrue(line.startsWith("adapter.pools.docker.projects"), line);
        assertTrue(line.contains("or groups"), line);
        line = onlyProblem(
                GITLAB,
                TestConfigs.adapter(
                        "adapter.pools.\"has space\".projects", "g/app", "adapter.pools.\"has space\".runners", "17"));
        assertTrue(line.startsWith("adapter.pools.has space"), line);
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB,
                        TestConfigs.adapter(
                                "adapter.projects", "",
                                "adapter.pools.docker.projects", "g/app",
                                "adapter.pools.docker.runners", "17")),
                "a pool's projects are enough to start");
    }

    @Test
    void groupsAreEnoughToStartAndMustBeWellFormed() {
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB, TestConfigs.adapter("adapter.projects", "", "adapter.groups", "platform,42")));
        String line =
                onlyProblem(GITLAB, TestConfigs.adapter("adapter.projects", "", "adapter.groups", "platform/../x"));
        assertTrue(line.startsWith("adapter.groups (env ADAPTER_GROUPS): 'platform/../x'"), line);
    }

    @Test
    void runnersAreReadAgainBetweenTenSecondsAndADayAndAPoolNamesAtMostAHundred() {
        String line = onlyProblem(GITLAB, TestConfigs.adapter("adapter.runner-refresh", "5s"));
        assertTrue(line.startsWith("adapter.runner-refresh (env ADAPTER_RUNNER_REFRESH): is PT5S"), line);
        String many = java.util.stream.IntStream.rangeClosed(1, 101)
                .mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        line = onlyProblem(
                GITLAB,
                TestConfigs.adapter("adapter.pools.docker.projects", "g/app", "adapter.pools.docker.runners", many));
        assertTrue(line.startsWith("adapter.pools.docker.runners"), line);
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB, TestConfigs.adapter("adapter.projects", "", "adapter.pools.gitlab.runners", "17,18")),
                "a pool of runners alone watches their own projects");
        line = onlyProblem(
                GITLAB,
                TestConfigs.adapter("adapter.pools.docker.runners", "17", "adapter.pools.docker.tags", "docker"));
        assertTrue(line.startsWith("adapter.pools.docker.projects"), line); // runners by tags: no scope to read
    }
}
