package io.github.gitlabqueueadapter.cluster;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectKubernetesMock;
import io.github.gitlabqueueadapter.support.KubernetesMockApi;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A Kubernetes API that refuses the adapter (403: the Role is missing), on Fabric8's mock API server in expectation
 * mode: the scheduled readings go on failing quietly, nothing is announced, the queues are still served, and the
 * condition is logged once when it starts and once when it ends.
 */
@QuarkusTest
@TestProfile(ScalerWatchFaultsTest.Scheduled.class)
@WithTestResource(GitLabWireMock.class)
@WithTestResource(KubernetesMockApi.class)
class ScalerWatchFaultsTest {

    /** The side on, read by the real scheduler every 5 s; one project so that its polls stay few. */
    public static class Scheduled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.scheduler.enabled", "true",
                    "adapter.kubernetes.enabled", "true",
                    "adapter.kubernetes.interval", "5s",
                    "adapter.kubernetes.timeout", "1s",
                    "adapter.projects", "it/kubernetes");
        }
    }

    private static final String SCALED_OBJECTS = "/apis/keda.sh/v1alpha1/namespaces/ci/scaledobjects";
    private static final String SCALED_JOBS = "/apis/keda.sh/v1alpha1/namespaces/ci/scaledjobs";

    @InjectKubernetesMock
    KubernetesMockServer server;

    @Inject
    ScalerWatch watch;

    @Inject
    ScalersSeen seen;

    private void forbidden() {
        server.clearExpectations();
        server.expect()
                .get()
                .withPath(SCALED_OBJECTS)
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("scaledobjects.keda.sh is forbidden: User"
                                        + " \"system:serviceaccount:ci:default\" cannot list resource")
                                .build())
                .always();
    }

    private void allowedAndEmpty() {
        server.clearExpectations();
        for (String path : List.of(SCALED_OBJECTS, SCALED_JOBS)) {
            server.expect()
                    .get()
                    .withPath(path)
                    .andReturn(200, new KubernetesListBuilder().build())
                    .always();
        }
    }

    private static List<String> warnings(LogCapture log) {
        return log.atLeast(Level.WARNING).stream().map(LogCapture.Line::message).toList();
    }

    @Test
    void aForbiddenApiAnnouncesNothingAndTheQueuesAreStillServed() {
        forbidden();
        seen.clear();
        try (LogCapture all = LogCapture.all()) {
            int before = server.getRequestCount();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.getRequestCount() >= before + 2);

            assertEquals(List.of(), seen.all(), "a failed reading announces nothing");
            given().get("/queues").then().statusCode(200);
            assertTrue(all.atLeast(Level.SEVERE).isEmpty(), "nothing escapes the scheduled reading: " + all.lines());
        }
    }

    @Test
    void theConditionIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
        allowedAndEmpty();
        watch.sweep();
        try (LogCapture log = LogCapture.of(ScalerWatch.class)) {
            forbidden();
            assertFalse(watch.sweep());
            assertFalse(watch.sweep());
            assertFalse(watch.sweep());

            List<String> warnings = warnings(log);
            assertEquals(1, warnings.size(), warnings.toString());
            assertEquals(
                    "Kubernetes side: cannot list scaledobjects.keda.sh in namespace ci: forbidden (403); give the"
                            + " adapter's service account the chart's Role (kubernetes.enabled=true)",
                    warnings.get(0));

            seen.clear();
            allowedAndEmpty();
            assertTrue(watch.sweep());
            assertTrue(watch.sweep());

            List<String> infos = log.lines().stream()
                    .filter(line -> line.level().equals(Level.INFO))
                    .map(LogCapture.Line::message)
                    .toList();
            assertEquals(1, infos.size(), infos.toString());
            assertTrue(infos.get(0).contains("works again"), infos.get(0));
            assertTrue(seen.all().size() >= 2);
            assertTrue(seen.all().stream().allMatch(o -> o.scalers().isEmpty()));
        }
    }
}
