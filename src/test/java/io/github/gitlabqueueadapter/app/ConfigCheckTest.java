package io.github.gitlabqueueadapter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.support.TestConfigs;
import io.github.gitlabqueueadapter.support.TestConfigs.Adapter;
import io.github.gitlabqueueadapter.support.TestConfigs.GitLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    private static final GitLab GITLAB = new GitLab(
            "https://gitlab.example.com",
            Optional.of("glpat-secret-value"),
            Optional.empty(),
            Duration.ofSeconds(5),
            2);
    private static final Adapter ADAPTER =
            new Adapter(Optional.of(List.of("group/app", "42")), Duration.ofSeconds(15), Duration.ofMinutes(2), 50, 4);

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
        String line = onlyProblem(
                GITLAB, new Adapter(ADAPTER.projects(), ADAPTER.pollInterval(), ADAPTER.maxStaleness(), 0, 4));
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
            String line = onlyProblem(new GitLab(url, GITLAB.token(), Optional.empty(), GITLAB.timeout(), 2), ADAPTER);
            assertTrue(line.startsWith("gitlab.url (env GITLAB_URL)"), line);
            assertFalse(
                    line.contains("pw") || line.contains("glpat"), "a credential in the URL is not repeated: " + line);
        }
    }

    @Test
    void aTokenAndATokenFileTogetherAreAmbiguous(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "glpat-from-file");
        String line = onlyProblem(
                new GitLab(GITLAB.url(), GITLAB.token(), Optional.of(file.toString()), GITLAB.timeout(), 2), ADAPTER);
        assertTrue(line.startsWith("gitlab.token-file"), line);
        assertFalse(line.contains("glpat"), "no token value in the message: " + line);
    }

    @Test
    void anUnreadableTokenFileFailsTheStart(@TempDir Path dir) {
        String line = onlyProblem(
                new GitLab(
                        GITLAB.url(),
                        Optional.empty(),
                        Optional.of(dir.resolve("absent").toString()),
                        GITLAB.timeout(),
                        2),
                ADAPTER);
        assertTrue(line.startsWith("gitlab.token-file (env GITLAB_TOKEN_FILE)"), line);
    }

    @Test
    void needsAtLeastOneWellFormedProject() {
        assertTrue(onlyProblem(
                        GITLAB, new Adapter(Optional.empty(), ADAPTER.pollInterval(), ADAPTER.maxStaleness(), 50, 4))
                .startsWith("adapter.projects (env ADAPTER_PROJECTS): no project"));
        String line = onlyProblem(
                GITLAB,
                new Adapter(
                        Optional.of(List.of("group/app", "group/../x")),
                        ADAPTER.pollInterval(),
                        ADAPTER.maxStaleness(),
                        50,
                        4));
        assertTrue(line.contains("'group/../x'"), line);
    }

    @Test
    void staleNumbersMustOutliveOnePollInterval() {
        String line = onlyProblem(
                GITLAB, new Adapter(ADAPTER.projects(), Duration.ofSeconds(30), Duration.ofSeconds(30), 50, 4));
        assertTrue(line.startsWith("adapter.max-staleness"), line);
    }

    @Test
    void boundsEveryNumber() {
        assertEquals(
                5,
                ConfigCheck.problems(
                                new GitLab(GITLAB.url(), GITLAB.token(), Optional.empty(), Duration.ZERO, 11),
                                new Adapter(ADAPTER.projects(), Duration.ofMillis(500), Duration.ofMinutes(2), 501, 0))
                        .size());
    }

    @Test
    void historyAndForecastAreBounded() {
        AdapterConfig wrong = withInsight(
                new TestConfigs.History(Duration.ofSeconds(30), 5, 0, 500),
                new TestConfigs.Forecast(Duration.ZERO, Duration.ofHours(2)));
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
        String sparse = onlyProblem(
                GITLAB,
                withInsight(
                        new TestConfigs.History(Duration.ofDays(7), 2160, 50, 8),
                        new TestConfigs.Forecast(Duration.ofMinutes(2), Duration.ofMinutes(10))));
        assertTrue(
                sparse.startsWith("adapter.forecast.window (env ADAPTER_FORECAST_WINDOW): is PT10M; it must hold 6"
                                + " samples")
                        && sparse.contains("adapter.history.max-samples"),
                sparse); // 280 s a sample: 3 in 10 min
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB,
                        withInsight(
                                new TestConfigs.History(Duration.ofDays(1), 8640, 100, 4),
                                new TestConfigs.Forecast(Duration.ofSeconds(90), Duration.ofMinutes(15)))));
    }

    /** The test adapter config with other history and forecast settings. */
    private static AdapterConfig withInsight(AdapterConfig.History history, AdapterConfig.Forecast forecast) {
        return new AdapterConfig() {
            public Optional<List<String>> projects() {
                return ADAPTER.projects();
            }

            public Optional<List<String>> groups() {
                return ADAPTER.groups();
            }

            public Duration groupRefresh() {
                return ADAPTER.groupRefresh();
            }

            public int maxGroupProjects() {
                return ADAPTER.maxGroupProjects();
            }

            public Duration pollInterval() {
                return ADAPTER.pollInterval();
            }

            public Duration maxStaleness() {
                return ADAPTER.maxStaleness();
            }

            public int maxPages() {
                return ADAPTER.maxPages();
            }

            public int pollConcurrency() {
                return ADAPTER.pollConcurrency();
            }

            public Auth auth() {
                return ADAPTER.auth();
            }

            public History history() {
                return history;
            }

            public Forecast forecast() {
                return forecast;
            }

            public Webhook webhook() {
                return ADAPTER.webhook();
            }

            public java.util.Map<String, Pool> pools() {
                return ADAPTER.pools();
            }
        };
    }

    @Test
    void apiKeysMustBeLongAndNeverRepeated() {
        String line = onlyProblem(
                GITLAB, ADAPTER.withAuth(TestConfigs.auth(List.of("long-enough-key-0123456789", "short"), null, null)));
        assertTrue(
                line.startsWith("adapter.auth.api-keys (env ADAPTER_AUTH_API_KEYS): a key is shorter than 16"), line);
        assertFalse(line.contains("short'") || line.contains("long-enough"), line);
    }

    @Test
    void basicNeedsBothHalves() {
        String line = onlyProblem(GITLAB, ADAPTER.withAuth(TestConfigs.auth(List.of(), "keda", null)));
        assertTrue(line.startsWith("adapter.auth.basic.password"), line);
    }

    @Test
    void aCaFileMustHoldCertificates(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN NOTHING-----\n");
        String line = onlyProblem(GITLAB.withTls(new TestConfigs.Tls(Optional.of(notPem.toString()), false)), ADAPTER);
        assertTrue(line.startsWith("gitlab.tls.ca-file (env GITLAB_TLS_CA_FILE)"), line);
        line = onlyProblem(GITLAB.withTls(new TestConfigs.Tls(Optional.of(notPem.toString()), true)), ADAPTER);
        assertTrue(line.startsWith("gitlab.tls.insecure"), line);
    }

    @Test
    void poolsNeedAUsableNameAndProjects() {
        TestConfigs.Pool empty = new TestConfigs.Pool(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        String line = onlyProblem(GITLAB, ADAPTER.withPools(java.util.Map.of("docker", empty)));
        assertTrue(line.startsWith("adapter.pools.docker.projects"), line);
        assertTrue(line.contains("or groups"), line);
        TestConfigs.Pool ok = new TestConfigs.Pool(
                Optional.of(List.of("g/app")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(List.of(17L)));
        line = onlyProblem(GITLAB, ADAPTER.withPools(java.util.Map.of("has space", ok)));
        assertTrue(line.startsWith("adapter.pools.has space"), line);
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB,
                        new Adapter(Optional.empty(), ADAPTER.pollInterval(), ADAPTER.maxStaleness(), 50, 4)
                                .withPools(java.util.Map.of("docker", ok))),
                "a pool's projects are enough to start");
    }

    @Test
    void groupsAreEnoughToStartAndMustBeWellFormed() {
        Adapter groupsOnly = new Adapter(Optional.empty(), ADAPTER.pollInterval(), ADAPTER.maxStaleness(), 50, 4);
        assertEquals(List.of(), ConfigCheck.problems(GITLAB, groupsOnly.withGroups(List.of("platform", "42"))));
        String line = onlyProblem(GITLAB, groupsOnly.withGroups(List.of("platform/../x")));
        assertTrue(line.startsWith("adapter.groups (env ADAPTER_GROUPS): 'platform/../x'"), line);
    }
}
