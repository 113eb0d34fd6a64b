package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter's settings as the chart writes them into the mounted application.properties: the typed values
 * (adapter.*, gitlab.*, redis.keyPrefix, ...) as before, and any other property key through the free-form map
 * {@code config}, flattened; secrets and what the chart wires itself are refused there.
 */
class ConfigChartTest {

    private static final List<String> BASE = List.of("template", "gitlab-queue-adapter", Helm.CHART.toString());

    @BeforeAll
    static void findHelm() {
        Helm.assumeAvailable();
    }

    private static List<JsonNode> renderWith(String valuesYaml) throws Exception {
        Path values = Files.createTempFile("config-values", ".yaml");
        try {
            Files.writeString(values, valuesYaml);
            return Helm.template("gitlab-queue-adapter", List.of("-n", "ci", "-f", values.toString()));
        } finally {
            Files.delete(values);
        }
    }

    @Test
    void theTypedValuesAreWrittenAsTheAdapterReadsThemWhileTheEnvironmentKeepsTheWiring() throws Exception {
        List<JsonNode> docs = Helm.templateInCi(
                "adapter.projects={platform/api,12270857}",
                "adapter.groups={platform}",
                "adapter.pollInterval=30s",
                "adapter.jsonLogs=false",
                "gitlab.url=https://gitlab.example.com",
                "gitlab.requestsPerMinute=300");
        Properties file = Helm.properties(docs);
        assertEquals("275", file.getProperty("config_ordinal"), "the environment wins over the file");
        assertEquals("platform/api,12270857", file.getProperty("adapter.projects"));
        assertEquals("platform", file.getProperty("adapter.groups"));
        assertEquals("30s", file.getProperty("adapter.poll-interval"));
        assertEquals("5m", file.getProperty("adapter.reconcile-interval"));
        assertEquals("2m", file.getProperty("adapter.max-staleness"));
        assertEquals("5m", file.getProperty("adapter.runner-refresh"));
        assertEquals("false", file.getProperty("quarkus.log.console.json.enabled"));
        assertEquals("https://gitlab.example.com", file.getProperty("gitlab.url"));
        assertEquals("5s", file.getProperty("gitlab.timeout"));
        assertEquals("300", file.getProperty("gitlab.requests-per-minute"));

        JsonNode container = Helm.adapterContainer(docs);
        assertEquals(
                "/etc/gitlab-queue-adapter/config/application.properties",
                Helm.env(container, "QUARKUS_CONFIG_LOCATIONS").path("value").asText());
        for (String moved : List.of("ADAPTER_PROJECTS", "ADAPTER_POLL_INTERVAL", "GITLAB_URL")) {
            assertNull(Helm.env(container, moved), moved + " is in the file only: an env var would hide config's key");
        }
    }

    @Test
    void configIsFlattenedIntoThePropertiesFileAndWinsOverATypedValue() throws Exception {
        List<JsonNode> docs = renderWith("""
                adapter:
                  pollInterval: 15s
                  pools:
                    docker:
                      tags: [docker]
                      runUntagged: false
                config:
                  adapter.poll-interval: 45s
                  adapter:
                    max-pages: 20
                    scaling:
                      burst-jobs: 3
                    pools:
                      docker:
                        tags: [docker, linux]
                      gpu:
                        tags: [gpu, "a,b"]
                        runners: [12270857, 31415926]
                        run-untagged: true
                  gitlab.proxy.host: proxy.example.com
                  quarkus.log.category."io.github.gitlabqueueadapter".level: DEBUG
                  adapter.forecast.ratio: 0.5
                  adapter.history.max-samples: 100000
                  adapter.scaling.reader-pause: null
                  path.with.backslash: 'C:\\dir'
                keda:
                  enabled: true
                  scaledObjects:
                    - name: gpu-runner
                      pool: gpu
                      scaleTargetRef: {name: gpu-runner}
                """);
        Properties file = Helm.properties(docs);
        assertEquals("45s", file.getProperty("adapter.poll-interval"), "config's key wins over adapter.pollInterval");
        assertEquals("20", file.getProperty("adapter.max-pages"));
        assertEquals("3", file.getProperty("adapter.scaling.burst-jobs"), "nested maps are joined with dots");
        assertEquals("docker,linux", file.getProperty("adapter.pools.docker.tags"));
        assertEquals(
                "false", file.getProperty("adapter.pools.docker.run-untagged"), "the typed pool's other keys stay");
        assertEquals("gpu,a\\,b", file.getProperty("adapter.pools.gpu.tags"), "a comma inside an item is escaped");
        assertEquals("12270857,31415926", file.getProperty("adapter.pools.gpu.runners"), "ids stay integers");
        assertEquals("true", file.getProperty("adapter.pools.gpu.run-untagged"));
        assertEquals("proxy.example.com", file.getProperty("gitlab.proxy.host"));
        assertEquals("DEBUG", file.getProperty("quarkus.log.category.\"io.github.gitlabqueueadapter\".level"));
        assertEquals("0.5", file.getProperty("adapter.forecast.ratio"));
        assertEquals("100000", file.getProperty("adapter.history.max-samples"));
        assertNull(file.getProperty("adapter.scaling.reader-pause"), "a null leaves the key out");
        assertEquals("C:\\dir", file.getProperty("path.with.backslash"));

        JsonNode scaledObject = Helm.one(docs, "ScaledObject");
        assertTrue(
                scaledObject.toString().contains("/queues/pools/gpu"),
                "a pool config names is one KEDA may read: " + scaledObject);
    }

    @Test
    void aPoolsCapacityIsWrittenAsTheAdapterReadsItsKeys() throws Exception {
        List<JsonNode> docs = renderWith("""
                adapter:
                  pools:
                    docker:
                      groups: [platform]
                      capacityPerRunner: 4
                      maxRunners: 20
                      policies:
                        10-always: {idleTime: 10m}
                        20-workday:
                          periods: ["* 8-18 * * mon-fri", "* * * * sat,sun"]
                          timezone: Europe/Berlin
                          idleCount: 8
                          idleTime: 30m
                          scaleFactor: 0.5
                          scaleFactorLimit: 12
                """);
        Properties file = Helm.properties(docs);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("adapter.pools.docker.capacity-per-runner", "4");
        expected.put("adapter.pools.docker.max-runners", "20");
        expected.put("adapter.pools.docker.policies.10-always.idle-time", "10m");
        expected.put("adapter.pools.docker.policies.20-workday.periods", "* 8-18 * * mon-fri,* * * * sat\\,sun");
        expected.put("adapter.pools.docker.policies.20-workday.timezone", "Europe/Berlin");
        expected.put("adapter.pools.docker.policies.20-workday.idle-count", "8");
        expected.put("adapter.pools.docker.policies.20-workday.idle-time", "30m");
        expected.put("adapter.pools.docker.policies.20-workday.scale-factor", "0.5");
        expected.put("adapter.pools.docker.policies.20-workday.scale-factor-limit", "12");
        assertWritten(expected, file, "a comma inside a period is escaped, as the adapter reads a list");
    }

    @Test
    void aPoolsWarmUpPriceAndOverflowAreWrittenAsTheAdapterReadsThem() throws Exception {
        List<JsonNode> docs = renderWith("""
                adapter:
                  pools:
                    spot:
                      groups: [platform]
                      runners: [41]
                      warmUp: {enabled: true, lead: 90s, timezone: Europe/Berlin}
                      costPerRunnerHour: 0.04
                    on-demand:
                      overflowOf: spot
                      overflowAfter: 90s
                      runners: [42]
                      costPerRunnerHour: 0.12
                """);
        Properties file = Helm.properties(docs);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("adapter.pools.spot.warm-up.enabled", "true");
        expected.put("adapter.pools.spot.warm-up.lead", "90s");
        expected.put("adapter.pools.spot.warm-up.timezone", "Europe/Berlin");
        expected.put("adapter.pools.spot.cost-per-runner-hour", "0.04");
        expected.put("adapter.pools.on-demand.overflow-of", "spot");
        expected.put("adapter.pools.on-demand.overflow-after", "90s");
        expected.put("adapter.pools.on-demand.runners", "42");
        expected.put("adapter.pools.on-demand.cost-per-runner-hour", "0.12");
        assertWritten(expected, file, "typed pool keys as the adapter spells them");
    }

    /** The properties file holds each expected key with its value. */
    private static void assertWritten(Map<String, String> expected, Properties file, String why) {
        Map<String, String> written = new LinkedHashMap<>();
        expected.keySet().forEach(key -> written.put(key, file.getProperty(key)));
        assertEquals(expected, written, why);
    }

    @Test
    void chartOwnedKeysInConfigAreRefusedSayingWhereTheyBelong() throws Exception {
        Map<List<String>, String> refusals = new LinkedHashMap<>();
        refusals.put(
                List.of("--set", "config.gitlab\\.token=glpat-x"),
                "config.gitlab.token is a secret: it must not be written into a ConfigMap; set secret.gitlabToken");
        refusals.put(List.of("--set", "config.gitlab.token=glpat-x"), "config.gitlab.token is a secret");
        refusals.put(
                List.of("--set", "config.adapter\\.auth\\.api-keys=k"),
                "config.adapter.auth.api-keys is a secret: it must not be written into a ConfigMap; set secret.apiKey");
        refusals.put(
                List.of("--set", "config.adapter\\.webhook\\.secret=s"),
                "config.adapter.webhook.secret is a secret: it must not be written into a ConfigMap; set"
                        + " secret.webhookSecret");
        refusals.put(
                List.of("--set", "config.%prod\\.adapter\\.webhook\\.secret=s"),
                "config.%prod.adapter.webhook.secret is a secret");
        refusals.put(List.of("--set", "config.quarkus\\.redis\\.password=p"), "set redis.existingSecret");
        refusals.put(
                List.of("--set", "config.adapter\\.store=redis"),
                "config.adapter.store is set by the chart: use store");
        refusals.put(
                List.of("--set", "config.quarkus\\.redis\\.hosts=redis://r:6379"),
                "config.quarkus.redis.hosts is set by the chart: use redis.url");
        refusals.put(
                List.of("--set", "config.quarkus\\.http\\.ssl\\.client-auth=none"),
                "config.quarkus.http.ssl.client-auth is set by the chart: use tls.clientAuth");
        refusals.put(
                List.of("--set", "config.quarkus\\.tls\\.key-store\\.pem\\.0\\.cert=/x"),
                "use tls.existingSecret or tls.certManager");
        refusals.put(
                List.of("--set", "config.adapter\\.kubernetes\\.enabled=true"),
                "config.adapter.kubernetes.enabled is set by the chart: use kubernetes.enabled");
        refusals.put(
                List.of("--set", "config.adapter\\.poll-interval=1m", "--set", "config.adapter.poll-interval=2m"),
                "config.adapter.poll-interval is set twice");
        refusals.put(
                List.of("--set-json", "config={\"adapter.pools.x.tags\":[{\"a\":1}]}"),
                "config.adapter.pools.x.tags: a list of maps or of lists has no one-line form");
        refusals.put(List.of("--set-json", "config={\"a b\":1}"), "config.a b: not a property key");
        Helm.assertRefused(BASE, refusals);
    }

    @Test
    void aKedaEntryForAQueueNeitherTypedValuesNorConfigNameIsStillRefused() throws Exception {
        Helm.Result result = Helm.exec(List.of(
                "template",
                "gitlab-queue-adapter",
                Helm.CHART.toString(),
                "--set",
                "config.adapter.pools.gpu.tags={gpu}",
                "--set",
                "keda.enabled=true",
                "--set",
                "keda.scaledObjects[0].name=r",
                "--set",
                "keda.scaledObjects[0].pool=docker",
                "--set",
                "keda.scaledObjects[0].scaleTargetRef.name=r"));
        assertTrue(
                result.exitCode() != 0
                        && result.output().contains("which adapter.pools does not name (nor config's adapter.pools"),
                result.output());
    }
}
