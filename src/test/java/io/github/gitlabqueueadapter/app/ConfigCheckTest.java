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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of ConfigCheck on configurations written as properties (adapter.projects=group/app,42 and defaults). */
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
        assertTrue(line.contains("16.95s (adapter.poll-interval 1s + 3 attempts of gitlab.timeout 5s"), line);
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        TestConfigs.gitlab("gitlab.token", TOKEN, "gitlab.timeout", "2s"),
                        TestConfigs.adapter("adapter.poll-interval", "1s", "adapter.max-staleness", "10s")),
                "with a 2 s timeout one poll takes at most 7.95 s");
    }

    @Test
    void boundsEveryNumber() {
        assertEquals(
                5,
                ConfigCheck.problems(
                                TestConfigs.gitlab(
                                        "gitlab.token", TOKEN, "gitlab.timeout", "0s", "gitlab.max-retries", "11"),
                                TestConfigs.adapter(
                                        "adapter.poll-interval", "500ms",
                                        "adapter.max-pages", "501",
                                        "adapter.poll-concurrency", "0"))
                        .size());
    }

    @Test
    void theRedisStoreIsCheckedOnlyWhenItIsUsed() {
        assertEquals(
                AdapterConfig.Store.REDIS,
                TestConfigs.adapter("adapter.store", "redis").store(),
                "written in lower case");
        assertEquals(List.of(), ConfigCheck.problems(GITLAB, TestConfigs.adapter("adapter.redis.timeout", "0s")));
        List<String> problems = ConfigCheck.problems(
                GITLAB,
                TestConfigs.adapter(
                        "adapter.store", "redis",
                        "adapter.redis.key-prefix", "my prefix",
                        "adapter.redis.timeout", "5ms",
                        "adapter.redis.retry-interval", "10m",
                        "adapter.redis.state-ttl", "5m",
                        "adapter.redis.lease-ttl", "500ms",
                        "adapter.redis.delivery-ttl", "2d",
                        "adapter.redis.replicas", "0",
                        "adapter.redis.password-file", "/no/such/file"));
        assertEquals(8, problems.size(), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("adapter.redis.lease-ttl (env ADAPTER_REDIS_LEASE_TTL)")),
                problems.toString());
        String ttl = problems.stream()
                .filter(p -> p.startsWith("adapter.redis.state-ttl (env ADAPTER_REDIS_STATE_TTL)"))
                .findFirst()
                .orElseThrow();
        assertTrue(ttl.contains("must outlast adapter.reconcile-interval + adapter.max-staleness (420s)"), ttl);
    }

    @Test
    void historyAndForecastAreBounded() {
        AdapterConfig wrong = TestConfigs.adapter(
                "adapter.history.retention", "30s",
                "adapter.history.max-samples", "5",
                "adapter.history.max-runners", "0",
                "adapter.history.max-readers", "500",
                "adapter.forecast.horizon", "0s",
                "adapter.forecast.window", "2h");
        List<String> problems = ConfigCheck.problems(GITLAB, wrong);
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).startsWith("adapter.history.retention (env ADAPTER_HISTORY_RETENTION): is PT30S"),
                problems.get(0));
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.startsWith("adapter.forecast.window (env ADAPTER_FORECAST_WINDOW)")
                                && p.contains("adapter.history.retention")),
                problems.toString());
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
    void theScalingTimelineIsBounded() {
        List<String> problems = ConfigCheck.problems(
                GITLAB,
                TestConfigs.adapter(
                        "adapter.scaling.runner-gone", "30s",
                        "adapter.scaling.reader-pause", "2d",
                        "adapter.scaling.wait-threshold", "0s",
                        "adapter.scaling.burst-jobs", "1",
                        "adapter.scaling.max-events", "1000000",
                        "adapter.scaling.max-waits", "5"));
        assertEquals(6, problems.size(), problems.toString());
        assertEquals(
                "adapter.scaling.runner-gone (env ADAPTER_SCALING_RUNNER_GONE): is PT30S; must be 1m to 1d",
                problems.get(0));
        assertEquals(
                "adapter.scaling.max-waits (env ADAPTER_SCALING_MAX_WAITS): is 5; must be 10 to 1000000",
                problems.get(5));
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
