package io.github.gitlabqueueadapter.rest.auth;

/**
 * Which paths need a credential once one is configured: all of them (so a new endpoint is never open by mistake),
 * except the health and metrics endpoints that Kubernetes probes and Prometheus read, unless those are protected too.
 */
public final class ProtectedPaths {

    private final boolean protectManagement;

    public ProtectedPaths(boolean protectManagement) {
        this.protectManagement = protectManagement;
    }

    /** @param path the request path with dot segments already resolved */
    public boolean requiresCredential(String path) {
        if (protectManagement || path == null) {
            return true;
        }
        return !(isUnder(path, "/q/health") || isUnder(path, "/q/metrics"));
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
