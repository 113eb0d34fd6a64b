package io.github.gitlabqueueadapter.api.auth;

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
        if (path == null) {
            return true;
        }
        if (path.equals(WEBHOOK)) {
            return false; // GitLab cannot send an API key; the webhook checks its own secret
        }
        return protectManagement || !(isUnder(path, "/q/health") || isUnder(path, "/q/metrics"));
    }

    /** The one path that carries GitLab's webhook secret instead of a reader's credential. */
    public static final String WEBHOOK = "/webhooks/gitlab";

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
