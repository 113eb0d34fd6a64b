package io.github.gitlabqueueadapter.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.support.FiredEvents;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * ScalerWatch's bounds, on canned API answers and without Quarkus: the side off never reads, the announcement holds
 * at most max-objects matches (the cut logged once), and a reading without a namespace fails saying which key to set.
 */
class ScalerWatchLimitsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    /** The API's answers: {@code objects} ScaledObjects reading pool docker, each with an HPA; no ScaledJobs. */
    private static final class CannedReads extends ClusterReads {
        int objects;
        String namespace = "ci";
        int calls;

        CannedReads(int objects) {
            super(null);
            this.objects = objects;
        }

        @Override
        String ownNamespace() {
            return namespace;
        }

        @Override
        List<KedaObject> keda(String kind, String namespace) {
            calls++;
            if (kind.equals(KedaObject.SCALED_JOB)) {
                return List.of();
            }
            Map<String, Object> spec = Map.of(
                    "triggers",
                    List.of(Map.of("type", "metrics-api", "metadata", Map.of("url", "http://a/queues/pools/docker"))));
            return IntStream.range(0, objects)
                    .mapToObj(i -> new KedaObject(kind, namespace, String.format("runners-%03d", i), spec, Map.of()))
                    .toList();
        }

        @Override
        Map<String, Replicas> hpas(String namespace) {
            calls++;
            return Map.of("keda-hpa-runners-000", new Replicas(4, 2));
        }

        @Override
        Map<String, Integer> activeJobs(String namespace, Set<String> scaledJobs) {
            throw new AssertionError("no ScaledJob matched: no Jobs to read");
        }
    }

    private static ScalerWatch watch(KubernetesConfig config, CannedReads reads, FiredEvents<ScalersObserved> fired) {
        return new ScalerWatch(config, reads, fired, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void offTheSchedulerSkipsEveryReading() {
        assertTrue(new ScalerWatch.Off(TestConfigs.kubernetes()).test(null));
        assertFalse(new ScalerWatch.Off(TestConfigs.kubernetes("adapter.kubernetes.enabled", "true")).test(null));
    }

    @Test
    void pastMaxObjectsTheFirstByNameAreAnnouncedAndTheCutIsLoggedOnce() {
        CannedReads reads = new CannedReads(5);
        FiredEvents<ScalersObserved> fired = new FiredEvents<>();
        ScalerWatch watch = watch(
                TestConfigs.kubernetes("adapter.kubernetes.enabled", "true", "adapter.kubernetes.max-objects", "3"),
                reads,
                fired);

        try (LogCapture log = LogCapture.of(ScalerWatch.class)) {
            assertTrue(watch.sweep());
            assertTrue(watch.sweep());
            reads.objects = 2;
            assertTrue(watch.sweep());

            assertEquals(
                    List.of("runners-000", "runners-001", "runners-002"),
                    fired.all().get(0).scalers().stream()
                            .map(ScalersObserved.Scaler::name)
                            .toList());
            assertEquals(4, fired.all().get(0).scalers().get(0).desiredReplicas());
            assertEquals(null, fired.all().get(0).scalers().get(1).desiredReplicas(), "no HPA yet: unknown");
            assertEquals(NOW, fired.all().get(0).at());
            assertEquals(2, fired.all().get(2).scalers().size());
            List<LogCapture.Line> lines = log.lines();
            assertEquals(2, lines.size(), lines.toString());
            assertEquals(Level.WARNING, lines.get(0).level());
            assertTrue(
                    lines.get(0).message().contains("more than adapter.kubernetes.max-objects (3)"),
                    lines.get(0).message());
            assertEquals(Level.INFO, lines.get(1).level());
        }
    }

    @Test
    void withoutANamespaceNothingIsReadAndTheKeyToSetIsNamed() {
        CannedReads reads = new CannedReads(1);
        reads.namespace = null;
        FiredEvents<ScalersObserved> fired = new FiredEvents<>();
        ScalerWatch watch = watch(TestConfigs.kubernetes("adapter.kubernetes.enabled", "true"), reads, fired);

        try (LogCapture log = LogCapture.of(ScalerWatch.class)) {
            assertFalse(watch.sweep());
            assertFalse(watch.sweep());

            assertEquals(0, reads.calls);
            assertEquals(List.of(), fired.all());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).message().contains("set adapter.kubernetes.namespace"));
        }
    }

    @Test
    void aConfiguredNamespaceIsReadInsteadOfThePodsOwn() {
        CannedReads reads = new CannedReads(1);
        FiredEvents<ScalersObserved> fired = new FiredEvents<>();
        ScalerWatch watch = watch(
                TestConfigs.kubernetes("adapter.kubernetes.enabled", "true", "adapter.kubernetes.namespace", "runners"),
                reads,
                fired);

        assertTrue(watch.sweep());

        assertEquals("runners", fired.all().get(0).scalers().get(0).namespace());
    }
}
