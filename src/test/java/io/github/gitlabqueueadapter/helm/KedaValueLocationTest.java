package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The field each of the chart's KEDA entries reads when it gives no valueLocation, as the chart README's table says:
 * a ScaledObject reads {@code desired} of a pool with capacity keys (replicas = ceil(desired / 1)), else
 * {@code pending}; a ScaledJob reads {@code pending} under the accurate strategy, {@code desired} of a pool whose
 * runners take one job each, else {@code total}. What would read no number, or count running jobs again, fails.
 */
class KedaValueLocationTest {

    /** Pools of every kind, and one entry per row of the table: entry name -> the field it must read. */
    private static final String VALUES = """
            gitlab: {url: https://gitlab.example.com}
            secret: {gitlabToken: glpat-example-not-a-real-token}
            adapter:
              groups: [platform]
              pools:
                fours: {groups: [platform], capacityPerRunner: 4, maxRunners: 20}
                singles: {groups: [platform], capacityPerRunner: 1, policies: {10-always: {idleCount: 2}}}
                floor: {groups: [platform], policies: {20-workday: {periods: ["* 8-18 * * mon-fri"], idleCount: 3}}}
                plain: {groups: [platform], tags: [docker]}
                warm: {groups: [platform], warmUp: {enabled: true}}
                cold: {groups: [platform], warmUp: {enabled: false}}
            config:
              adapter.pools.capped.groups: platform
              adapter.pools.capped.max-runners: 10
            keda:
              enabled: true
              scaledObjects:
                - {name: object-fours, pool: fours, scaleTargetRef: {name: r}}
                - {name: object-capped-by-config, pool: capped, scaleTargetRef: {name: r}}
                - {name: object-plain, pool: plain, scaleTargetRef: {name: r}}
                - {name: object-group, group: platform, scaleTargetRef: {name: r}}
                - {name: object-warm, pool: warm, scaleTargetRef: {name: r}}
                - {name: object-cold, pool: cold, scaleTargetRef: {name: r}}
                - {name: object-fours-pending-as-written, pool: fours, valueLocation: pending, targetValue: 4,
                   scaleTargetRef: {name: r}}
              scaledJobs:
                - {name: job-singles, pool: singles, jobTargetRef: {template: {spec: {containers: []}}}}
                - {name: job-floor, pool: floor, jobTargetRef: {template: {spec: {containers: []}}}}
                - {name: job-fours, pool: fours, jobTargetRef: {template: {spec: {containers: []}}}}
                - {name: job-plain, pool: plain, jobTargetRef: {template: {spec: {containers: []}}}}
                - {name: job-singles-accurate, pool: singles, spec: {scalingStrategy: {strategy: accurate}},
                   jobTargetRef: {template: {spec: {containers: []}}}}
            """;

    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("object-warm", "desired"),
            Map.entry("object-cold", "pending"),
            Map.entry("object-fours", "desired"),
            Map.entry("object-capped-by-config", "desired"),
            Map.entry("object-plain", "pending"),
            Map.entry("object-group", "pending"),
            Map.entry("object-fours-pending-as-written", "pending"),
            Map.entry("job-singles", "desired"),
            Map.entry("job-floor", "desired"),
            Map.entry("job-fours", "total"),
            Map.entry("job-plain", "total"),
            Map.entry("job-singles-accurate", "pending")));

    private static Path values;

    @BeforeAll
    static void writeValues() throws Exception {
        Helm.assumeAvailable();
        values = Files.createTempFile("keda-value-location", ".yaml");
        Files.writeString(values, VALUES);
    }

    @AfterAll
    static void removeValues() throws Exception {
        if (values != null) {
            Files.deleteIfExists(values);
        }
    }

    private static List<String> install() {
        return List.of("install", "gitlab-queue-adapter", Helm.CHART.toString(), "-n", "ci", "-f", values.toString());
    }

    @Test
    void eachEntryWithoutValueLocationReadsTheFieldThatFitsItsReadersFormula() throws Exception {
        List<JsonNode> docs = Helm.template("gitlab-queue-adapter", List.of("-n", "ci", "-f", values.toString()));
        Map<String, String> read = new TreeMap<>();
        Map<String, String> targets = new TreeMap<>();
        for (String kind : List.of("ScaledObject", "ScaledJob")) {
            for (JsonNode object : Helm.all(docs, kind)) {
                JsonNode metadata = object.path("spec").path("triggers").get(0).path("metadata");
                String name = object.path("metadata").path("name").asText();
                read.put(name, metadata.path("valueLocation").asText());
                targets.put(name, metadata.path("targetValue").asText());
            }
        }
        assertEquals(EXPECTED, read);
        assertEquals("4", targets.remove("object-fours-pending-as-written"), "a targetValue given is kept");
        assertTrue(targets.values().stream().allMatch("1"::equals), "targetValue 1 by default: " + targets);
    }

    @Test
    void theNotesNameTheFieldEachObjectReads() throws Exception {
        String notes = Helm.notes(install());
        String base = "http://gitlab-queue-adapter.ci.svc.cluster.local:8080/queues/pools/";
        assertTrue(notes.contains("ScaledObject object-fours: desired of " + base + "fours"), notes);
        assertTrue(notes.contains("ScaledJob job-fours: total of " + base + "fours"), notes);
        assertTrue(notes.contains("ScaledJob job-singles-accurate: pending of " + base + "singles"), notes);
    }

    @Test
    void aFieldTheAdapterDoesNotAnswerOrThatCountsRunningJobsTwiceIsRefused() throws Exception {
        List<String> base =
                List.of("template", "gitlab-queue-adapter", Helm.CHART.toString(), "-n", "ci", "-f", values.toString());
        Map<String, String> refusals = Map.of(
                "keda.scaledObjects[2].valueLocation=desired",
                "keda entry \"object-plain\" reads desired, which only a pool with capacity keys answers",
                "keda.scaledObjects[3].valueLocation=desired",
                "keda entry \"object-group\" reads desired, which only a pool with capacity keys answers",
                "keda.scaledJobs[4].valueLocation=desired",
                "keda entry \"job-singles-accurate\": the accurate strategy subtracts only the Jobs not started yet,"
                        + " so desired would count every running job again",
                "keda.scaledJobs[4].valueLocation=total",
                "so total would count every running job again at each poll: read pending",
                "adapter.pools.singles.policies.10-always.idle_count=2",
                "adapter.pools.singles.policies.10-always.idle_count is not a policy key; a policy has idleCount,"
                        + " idleTime, periods, scaleFactor, scaleFactorLimit, timezone",
                "adapter.pools.warm.warmUp.leadTime=90s",
                "adapter.pools.warm.warmUp.leadTime is not a warm-up key; warm-up has enabled, lead, timezone");
        Map<List<String>, String> bySet = new LinkedHashMap<>();
        refusals.forEach((set, message) -> bySet.put(List.of("--set", set), message));
        Helm.assertRefused(base, bySet);
    }
}
