package io.github.gitlabqueueadapter.helm;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the PrometheusRule query is one the running adapter exports, by the name
 * Prometheus sees on /q/metrics (a histogram as _bucket, _count and _sum): a renamed metric cannot leave a blank panel
 * or an alert that never fires. The adapter first polls WireMock's GitLab and takes a job event, so that the series
 * created on first use exist too.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class MetricNamesTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    private Set<String> exported;

    @BeforeEach
    void scrape() {
        wiremock.resetAll();
        new GitLabStubs(wiremock).jobs("platform/api", pendingJob(30, "docker"), runningJob(17, "docker"));
        poller.poll(ProjectRef.parse("platform/api"));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/platform%2Fapi")
                .then()
                .statusCode(200);
        given().header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", "test-webhook-secret-0123456789")
                .contentType("application/json")
                .body("{\"object_kind\":\"push\"}")
                .post("/webhooks/gitlab")
                .then()
                .statusCode(202);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        exported = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
    }

    private void assertExported(String what, Map<String, Set<String>> namesByQuery) {
        assertTrue(namesByQuery.size() > 5, what + " has queries: " + namesByQuery);
        namesByQuery.forEach((query, names) -> {
            assertTrue(!names.isEmpty(), what + ": no metric read in " + query);
            for (String name : names) {
                assertTrue(
                        exported.contains(name),
                        what + " queries " + name + ", which /q/metrics does not export (" + query
                                + "); the adapter's: "
                                + exported.stream()
                                        .filter(n -> n.startsWith("gitlab_"))
                                        .toList());
            }
        });
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheAdapterExports() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Helm.CHART.resolve("files/dashboard.json").toFile());
        Map<String, Set<String>> queries = new TreeMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        target.path("expr").asText(),
                        PromQl.metricNames(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.has("definition")) {
                queries.put(
                        variable.path("definition").asText(),
                        PromQl.metricNames(variable.path("definition").asText()));
            }
        }
        assertExported("files/dashboard.json", queries);
        Set<String> read = new TreeSet<>();
        queries.values().forEach(read::addAll);
        for (String family : Set.of(
                "gitlab_queue_pending",
                "gitlab_queue_running",
                "gitlab_queue_forecast_pending",
                "gitlab_queue_oldest_pending_seconds",
                "gitlab_requests_seconds_count",
                "gitlab_polls_total",
                "gitlab_ratelimit_paused_seconds_total",
                "gitlab_queue_snapshot_age_seconds",
                "gitlab_queue_last_read_age_seconds")) {
            assertTrue(read.contains(family), "the dashboard shows " + family);
        }
    }

    @Test
    void theAlertsQueryOnlyMetricsTheAdapterExports() throws Exception {
        Map<String, Set<String>> queries = new TreeMap<>();
        for (JsonNode rule : PrometheusRuleTest.rules(PrometheusRuleTest.rule())) {
            queries.put(
                    rule.path("alert").asText() + ": " + rule.path("expr").asText(),
                    PromQl.metricNames(rule.path("expr").asText()));
        }
        assertExported("the PrometheusRule", queries);
    }
}
