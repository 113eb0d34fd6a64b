package io.github.gitlabqueueadapter.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A call to the Kubernetes API that failed, and what it read ({@code list scaledobjects.keda.sh}); no stack trace. */
final class ClusterReadFailed extends RuntimeException {

    private final String what;

    ClusterReadFailed(String what, KubernetesClientException cause) {
        super(what, cause, false, false);
        this.what = what;
    }

    String what() {
        return what;
    }

    @Override
    public synchronized KubernetesClientException getCause() {
        return (KubernetesClientException) super.getCause();
    }
}
