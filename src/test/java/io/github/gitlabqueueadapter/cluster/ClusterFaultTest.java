package io.github.gitlabqueueadapter.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a failed reading's one log line says, for each way the Kubernetes API fails; no Quarkus. */
class ClusterFaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aForbiddenListNamesTheResourceTheNamespaceAndTheChartsRole() {
        ClusterFault fault = ClusterFault.of(
                "list scaledobjects.keda.sh", "ci", new KubernetesClientException("Forbidden", 403, null), TIMEOUT);

        assertEquals(
                "cannot list scaledobjects.keda.sh in namespace ci: forbidden (403); give the adapter's service account"
                        + " the chart's Role (kubernetes.enabled=true)",
                fault.line());
    }

    @Test
    void aMissingKedaResourceAsksForKedasCrds() {
        ClusterFault fault = ClusterFault.of(
                "list scaledjobs.keda.sh", "ci", new KubernetesClientException("Not Found", 404, null), TIMEOUT);

        assertTrue(fault.line().contains("are KEDA's CRDs (keda.sh/v1alpha1) installed"), fault.line());
    }

    @Test
    void noAnswerSaysUnreachableOrTimedOutAndKeepsOneKeyWhateverTheDetails() {
        ClusterFault refused = ClusterFault.of(
                "list jobs.batch",
                "ci",
                new KubernetesClientException("Operation failed", new ConnectException("Connection refused")),
                TIMEOUT);
        ClusterFault timedOut = ClusterFault.of(
                "list jobs.batch",
                "ci",
                new KubernetesClientException("Operation failed", new TimeoutException()),
                TIMEOUT);

        assertTrue(refused.line().endsWith("unreachable (ConnectException: Connection refused)"), refused.line());
        assertTrue(timedOut.line().endsWith("within adapter.kubernetes.timeout (PT5S)"), timedOut.line());
        assertEquals(refused.key(), timedOut.key(), "one condition: the API does not answer");
        assertNotEquals(
                refused.key(),
                ClusterFault.of("list jobs.batch", "ci", new KubernetesClientException("x", 403, null), TIMEOUT)
                        .key());
    }
}
