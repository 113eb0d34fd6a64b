package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one place that says what a failed GitLab request was: every exception a request, its guard or the REST client
 * raises becomes a {@link GitLabException} with a kind the poller acts on and a message for people (never the token).
 */
final class GitLabErrors {

    private GitLabErrors() {}

    /** @param timeout {@code gitlab.timeout}, named in the message of a request that ran out of it */
    static GitLabException classify(Throwable e, Duration timeout) {
        if (e instanceof GitLabException g) {
            return g;
        }
        if (e instanceof TimeoutException) {
            return new GitLabException(
                    Kind.TIMEOUT, 0, "GitLab did not answer within gitlab.timeout (" + timeout.toMillis() + " ms)");
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new GitLabException(
                    Kind.CIRCUIT_OPEN, 0, "not asked: this project's circuit breaker is open after repeated failures");
        }
        if (e instanceof WebApplicationException w) {
            return w.getCause() instanceof GitLabException g
                    ? g
                    : GitLabException.forStatus(w.getResponse().getStatus());
        }
        if (e instanceof ProcessingException p) {
            return withoutAnswer(p);
        }
        return new GitLabException(
                Kind.UNREACHABLE, 0, "GitLab request failed: " + e.getClass().getSimpleName());
    }

    /** No answer came: a timeout somewhere in the chain, else the root cause (connection refused, reset, DNS). */
    private static GitLabException withoutAnswer(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GitLabException g) {
                return g;
            }
            String name = cause.getClass().getSimpleName().toLowerCase();
            if (name.contains("timeout")) {
                return new GitLabException(Kind.TIMEOUT, 0, "GitLab did not answer within gitlab.timeout");
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new GitLabException(
                Kind.UNREACHABLE,
                0,
                "GitLab unreachable: " + root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")"));
    }
}
