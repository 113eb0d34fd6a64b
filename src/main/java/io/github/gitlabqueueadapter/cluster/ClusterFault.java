package io.github.gitlabqueueadapter.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Why a reading failed, as one log line that says what to fix, and a key that stays the same while the condition
 * lasts (the line is logged when the key changes). Never the API's answer body, nor the request's headers.
 *
 * @param key what failed and how ({@code list scaledobjects.keda.sh|403}), without the details that vary
 */
record ClusterFault(String key, String line) {

    private static final String ROLE = "give the adapter's service account the chart's Role (kubernetes.enabled=true)";

    /** No namespace configured, and none from a pod's service account. */
    static ClusterFault noNamespace() {
        return new ClusterFault(
                "namespace",
                "no namespace to read KEDA objects in: not running in a pod; set adapter.kubernetes.namespace");
    }

    /** Something that is not the API's answer: a bug, or an observer of the announcement that failed. */
    static ClusterFault unexpected(RuntimeException e) {
        return new ClusterFault(
                "unexpected|" + e.getClass().getName(),
                "reading the KEDA objects failed unexpectedly: " + e.getClass().getSimpleName());
    }

    static ClusterFault of(String what, String namespace, KubernetesClientException e, Duration timeout) {
        String call = "cannot " + what + " in namespace " + namespace + ": ";
        int code = e.getCode();
        String reason = code <= 0
                ? unreachable(e, timeout)
                : switch (code) {
                    case 401 ->
                        "unauthorized (401); the service account's token was refused: mount it"
                                + " (automountServiceAccountToken), or renew it";
                    case 403 -> "forbidden (403); " + ROLE;
                    case 404 ->
                        what.endsWith(".keda.sh")
                                ? "not found (404); are KEDA's CRDs (keda.sh/v1alpha1) installed in the cluster?"
                                : "not found (404)";
                    default -> "HTTP " + code;
                };
        return new ClusterFault(what + "|" + (code <= 0 ? "unreachable" : code), call + reason);
    }

    /** No answer: a timeout, or the connection's failure (its class and message: an address, never a secret). */
    private static String unreachable(Throwable e, Duration timeout) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "no answer from the Kubernetes API within adapter.kubernetes.timeout (" + timeout + ")";
            }
            root = t;
        }
        String message = root == e || root.getMessage() == null ? "" : ": " + root.getMessage();
        return "the Kubernetes API is unreachable (" + root.getClass().getSimpleName() + message + ")";
    }
}
