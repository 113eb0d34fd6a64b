package io.github.gitlabqueueadapter.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved.Scaler;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectKubernetesMock;
import io.github.gitlabqueueadapter.support.KubernetesMockApi;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes side against Fabric8's mock API server (the only Kubernetes API that can run here; not a real
 * cluster, nor KEDA): the objects that read this adapter's queues are found, with their HPA's replicas or their
 * active Jobs, and announced once per reading; the others are left out.
 */
@QuarkusTest
@TestProfile(ScalerWatchTest.KubernetesOn.class)
@WithTestResource(GitLabWireMock.class)
@WithTestResource(value = KubernetesMockApi.class, initArgs = @ResourceArg(name = "crud", value = "true"))
class ScalerWatchTest {

    /** The side on; readings are started by the tests (the test scheduler is off). */
    public static class KubernetesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.nothingYet()
                    .pool("docker", "projects", "it/pool-a,it/pool-b", "tags", "docker", "run-untagged", "false")
                    .set("adapter.kubernetes.enabled", "true")
                    .set("adapter.kubernetes.interval", "10s")
                    .set("adapter.kubernetes.timeout", "2s")
                    .config();
        }
    }

    private static final String NS = KubernetesMockApi.NAMESPACE;
    private static final String ADAPTER = "http://gitlab-queue-adapter.ci.svc:8080";

    @InjectKubernetesMock
    KubernetesMockServer server;

    @Inject
    ScalerWatch watch;

    @Inject
    ScalersSeen seen;

    @Inject
    MutableClock clock;

    private KubernetesClient kube;

    @BeforeEach
    void client() {
        kube = server.createClient();
        seen.clear();
    }

    @AfterEach
    void close() {
        kube.close();
        clock.reset();
    }

    private void create(String kind, String name, Map<String, Object> trigger) {
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion("keda.sh/v1alpha1")
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .build();
        object.setAdditionalProperty("spec", Map.of("triggers", List.of(trigger)));
        kube.genericKubernetesResources(ClusterReads.KEDA.get(kind))
                .inNamespace(NS)
                .resource(object)
                .create();
    }

    private static Map<String, Object> metricsApi(String url) {
        return Map.of("type", "metrics-api", "metadata", Map.of("url", url, "valueLocation", "pending"));
    }

    private void hpa(String name, int desired, int current) {
        kube.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NS)
                .resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewStatus()
                        .withDesiredReplicas(desired)
                        .withCurrentReplicas(current)
                        .endStatus()
                        .build())
                .create();
    }

    private void job(String name, String scaledJob, int active) {
        kube.batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .addToLabels(ClusterReads.SCALED_JOB_LABEL, scaledJob)
                        .endMetadata()
                        .withNewStatus()
                        .withActive(active == 0 ? null : active)
                        .withSucceeded(active == 0 ? 1 : null)
                        .endStatus()
                        .build())
                .create();
    }

    @Test
    void theObjectsReadingOurQueuesAreAnnouncedWithTheirReplicasAndActiveJobs() {
        create(KedaObject.SCALED_OBJECT, "docker-runners", metricsApi(ADAPTER + "/queues/pools/docker"));
        hpa("keda-hpa-docker-runners", 5, 3);
        create(KedaObject.SCALED_JOB, "app-jobs", metricsApi(ADAPTER + "/queues/projects/group%2Fapp"));
        job("app-jobs-1", "app-jobs", 1);
        job("app-jobs-2", "app-jobs", 1);
        job("app-jobs-3", "app-jobs", 0);
        job("other-1", "other-jobs", 1);
        create(KedaObject.SCALED_OBJECT, "web", Map.of("type", "cpu", "metadata", Map.of("value", "60")));
        create(KedaObject.SCALED_OBJECT, "elsewhere", metricsApi("http://other.ci.svc:8080/api/queue"));
        clock.advance(Duration.ofDays(1));
        Instant before = clock.instant();

        assertTrue(watch.sweep());

        List<ScalersObserved> all = seen.all();
        assertEquals(1, all.size(), "one announcement per reading");
        ScalersObserved observed = all.get(0);
        assertEquals(
                List.of(
                        new Scaler(QueueKey.project("group/app"), "ScaledJob", NS, "app-jobs", null, null, 2),
                        new Scaler(QueueKey.pool("docker"), "ScaledObject", NS, "docker-runners", 5, 3, null)),
                observed.scalers());
        assertFalse(observed.at().isBefore(before), "the time is the application's clock's: " + observed.at());
        assertFalse(observed.at().isAfter(clock.instant()));

        io.restassured.RestAssured.given()
                .get("/queues/pools/docker/events")
                .then()
                .statusCode(200)
                .body("scalers[0].kind", org.hamcrest.Matchers.equalTo("ScaledObject"))
                .body("scalers[0].name", org.hamcrest.Matchers.equalTo("docker-runners"))
                .body("scalers[0].desiredReplicas", org.hamcrest.Matchers.equalTo(5))
                .body("scalers[0].currentReplicas", org.hamcrest.Matchers.equalTo(3))
                .body(
                        "events.find { it.type == 'scaler' }.text",
                        org.hamcrest.Matchers.equalTo("ScaledObject " + NS + "/docker-runners: desired 5, current 3"));
    }
}
