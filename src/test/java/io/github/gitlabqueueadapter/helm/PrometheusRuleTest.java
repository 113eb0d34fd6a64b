package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's PrometheusRule, checked by promtool: `promtool check rules` on the rendered spec.groups, and
 * `promtool test rules` with src/test/resources/promtool/alerts-test.yaml, where every alert has a case that fires and
 * one that must not. Needs helm and promtool (Debian's prometheus package); skipped, saying so, without promtool,
 * unless -Dpromtool.required=true (as .ci/run runs it), which makes a missing promtool a failure.
 */
class PrometheusRuleTest {

    private static final Path ALERT_TESTS = Path.of("src", "test", "resources", "promtool", "alerts-test.yaml");

    @TempDir
    Path dir;

    static String promtool() {
        String given = System.getProperty("promtool.binary", "");
        if (!given.isBlank()) {
            return given;
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Boolean.getBoolean("promtool.required")) {
            fail("promtool.required=true, but no promtool on PATH nor -Dpromtool.binary"
                    + " (Debian: apt-get install prometheus)");
        }
        assumeTrue(false, "no promtool on PATH (Debian: apt-get install prometheus): the alert rules are not checked");
        return null;
    }

    /** The rendered PrometheusRule with these extra values. */
    static JsonNode rule(String... values) throws Exception {
        Helm.assumeAvailable();
        List<String> args = new ArrayList<>(List.of("--set", "prometheusRule.enabled=true"));
        args.addAll(List.of(values));
        JsonNode rule = Helm.one(Helm.template("adapter", args), "PrometheusRule");
        assertTrue(rule != null, "a PrometheusRule with prometheusRule.enabled");
        return rule;
    }

    static List<JsonNode> rules(JsonNode rule) {
        List<JsonNode> rules = new ArrayList<>();
        rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    private String promtool(String promtool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    @Test
    void promtoolChecksTheRulesAndEveryAlertsUnitTestPasses() throws Exception {
        String promtool = promtool();
        JsonNode rule = rule();
        new YAMLMapper().writeValue(dir.resolve("rules.yaml").toFile(), rule.path("spec"));
        Files.copy(ALERT_TESTS, dir.resolve("alerts-test.yaml"));

        String checked = promtool(promtool, "check", "rules", "rules.yaml");
        assertTrue(checked.contains("SUCCESS: " + rules(rule).size() + " rules found"), checked);
        String tested = promtool(promtool, "test", "rules", "alerts-test.yaml");
        assertTrue(tested.contains("SUCCESS"), tested);
    }

    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItStaysQuiet() throws Exception {
        Set<String> alerts = new TreeSet<>();
        rules(rule()).forEach(r -> alerts.add(r.path("alert").asText()));
        assertEquals(
                Set.of(
                        "GitLabQueueUnavailable",
                        "GitLabCircuitBreakersOpen",
                        "GitLabRateLimited",
                        "GitLabTokenRefused",
                        "GitLabQueueNotRead",
                        "GitLabQueueNeverRead",
                        "GitLabJobWaitingTooLong",
                        "GitLabJobWaitP95High",
                        "GitLabQueueNoRunnerJoining"),
                alerts);
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : new YAMLMapper().readTree(ALERT_TESTS.toFile()).path("tests")) {
            for (JsonNode expected : test.path("alert_rule_test")) {
                (expected.path("exp_alerts").isEmpty() ? quiet : fires)
                        .add(expected.path("alertname").asText());
            }
        }
        assertEquals(alerts, fires, "an alert that fires in a test");
        assertEquals(alerts, quiet, "an alert that stays quiet in a test");
    }

    @Test
    void theNoRunnerJoiningAlertCanBeTurnedOff() throws Exception {
        Set<String> alerts = new TreeSet<>();
        rules(rule("--set", "prometheusRule.noRunnerJoining=false"))
                .forEach(r -> alerts.add(r.path("alert").asText()));
        assertFalse(alerts.contains("GitLabQueueNoRunnerJoining"), alerts.toString());
        assertTrue(alerts.contains("GitLabJobWaitP95High"), alerts.toString());
    }

    @Test
    void theThresholdAndTheQueuesReadComeFromTheValues() throws Exception {
        JsonNode rule = rule(
                "--set",
                "prometheusRule.oldestPendingSeconds=1800",
                "--set",
                "prometheusRule.waitP95Seconds=1200",
                "--set",
                "prometheusRule.readQueues=kind=\"project\\,pool\"",
                "--set",
                "prometheusRule.labels.release=monitoring");
        assertEquals(
                "monitoring",
                rule.path("metadata").path("labels").path("release").asText());
        for (JsonNode r : rules(rule)) {
            String expr = r.path("expr").asText();
            switch (r.path("alert").asText()) {
                case "GitLabJobWaitingTooLong" -> assertEquals("gitlab_queue_oldest_pending_seconds > 1800", expr);
                case "GitLabJobWaitP95High" -> assertTrue(expr.endsWith("[15m]))) > 1200"), expr);
                case "GitLabQueueNotRead", "GitLabQueueNeverRead" ->
                    assertTrue(expr.contains("{kind=\"project,pool\"}"), expr);
                default -> {}
            }
        }
    }

    @Test
    void theDashboardConfigMapCarriesTheSidecarsLabelAndTheFile() throws Exception {
        Helm.assumeAvailable();
        JsonNode dashboard = new ObjectMapper()
                .readTree(Helm.CHART.resolve("files/dashboard.json").toFile());
        for (List<String> values : List.of(
                List.of("--set", "grafanaDashboard.enabled=true"),
                List.of(
                        "--set",
                        "grafanaDashboard.enabled=true",
                        "--set",
                        "grafanaDashboard.label=dashboards",
                        "--set",
                        "grafanaDashboard.labelValue=gitlab"))) {
            List<JsonNode> docs = Helm.template("adapter", values);
            JsonNode configMap = Helm.all(docs, "ConfigMap").stream()
                    .filter(c -> c.path("data").has("gitlab-queue-adapter.json"))
                    .findFirst()
                    .orElseThrow();
            JsonNode labels = configMap.path("metadata").path("labels");
            if (values.size() == 2) {
                assertEquals("1", labels.path("grafana_dashboard").asText(), "Grafana's sidecar default label");
            } else {
                assertEquals("gitlab", labels.path("dashboards").asText());
            }
            assertEquals(
                    dashboard,
                    new ObjectMapper()
                            .readTree(configMap
                                    .path("data")
                                    .path("gitlab-queue-adapter.json")
                                    .asText()));
        }
        assertTrue(
                Helm.template("adapter", List.of()).stream()
                        .noneMatch(d -> d.path("kind").asText().equals("PrometheusRule")
                                || d.path("data").has("gitlab-queue-adapter.json")),
                "both are opt-in");
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertEquals(
                Set.of("gitlab_requests_seconds_bucket"),
                PromQl.metricNames("histogram_quantile(0.95, sum by (le) "
                        + "(rate(gitlab_requests_seconds_bucket{outcome=~\"a|b\"}[$__rate_interval])))"));
        assertEquals(
                Set.of("gitlab_queue_reads_total", "process_uptime_seconds"),
                PromQl.metricNames("gitlab_queue_reads_total{kind=~\"$kind\"} == 0"
                        + " and ignoring(kind, queue) process_uptime_seconds > 600"));
        assertEquals(
                Set.of("gitlab_queue_pending"),
                PromQl.metricNames("label_values(gitlab_queue_pending{kind=~\"$kind\"}, queue)"));
    }
}
