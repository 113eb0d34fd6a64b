package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One fault-tolerance guard per project: a timeout on each page request, retries with exponential backoff and jitter
 * on timeouts, connection errors and 5xx, and a circuit breaker of the project's own. A method annotation would be one
 * breaker for every project; here a failing project opens only its own breaker. Guards exist only for the projects the
 * poller asks about, so the map is bounded by the watched projects.
 */
final class ProjectGuards {

    /** Consecutive failed requests that open the breaker: with a ratio of 1, a success never opens it. */
    static final int BREAKER_WINDOW = 4;

    static final double BREAKER_FAILURE_RATIO = 1.0;

    private static final TypeLiteral<Page<GitLabJob>> JOBS_PAGE = new TypeLiteral<>() {};
    private static final TypeLiteral<Page<GitLabProject>> GROUP_PAGE = new TypeLiteral<>() {};

    private final Duration timeout;
    private final int maxRetries;
    private final Duration breakerDelay;
    private final Runnable beforeRetry;
    private final ConcurrentMap<ProjectRef, TypedGuard<Page<GitLabJob>>> guards = new ConcurrentHashMap<>();
    private final ConcurrentMap<ProjectRef, CircuitBreakerState> breakerStates = new ConcurrentHashMap<>();

    /**
     * @param breakerDelay how long an open breaker stays open; shorter than the poll interval, so that the next poll
     *        sends one probe request and a recovered GitLab is seen within one interval
     * @param beforeRetry runs before each retry, outside its timeout: a retry is a request and waits for the budget
     */
    ProjectGuards(Duration timeout, int maxRetries, Duration breakerDelay, Runnable beforeRetry) {
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.breakerDelay = breakerDelay;
        this.beforeRetry = beforeRetry;
    }

    TypedGuard<Page<GitLabJob>> forProject(ProjectRef project) {
        return guards.computeIfAbsent(project, this::create);
    }

    /** Drops the guard of a project that is no longer watched, so the map stays bounded by the watched projects. */
    void forget(ProjectRef project) {
        guards.remove(project);
        breakerStates.remove(project);
    }

    /** The breaker's state, or empty when the project was never asked for. */
    Optional<CircuitBreakerState> breakerState(ProjectRef project) {
        return Optional.ofNullable(breakerStates.get(project));
    }

    /** The guard of group listings: the same timeout and retries, no breaker (a listing runs every few minutes). */
    TypedGuard<Page<GitLabProject>> forGroupListings() {
        return timeoutAndRetry(TypedGuard.create(GROUP_PAGE).withDescription("GitLab group listings"))
                .build();
    }

    /** The timeout and retry policy every request to GitLab shares. */
    private <T> TypedGuard.Builder<T> timeoutAndRetry(TypedGuard.Builder<T> builder) {
        return builder.withTimeout()
                .duration(timeout.toMillis(), ChronoUnit.MILLIS)
                .done()
                .withRetry()
                .maxRetries(maxRetries)
                .delay(250, ChronoUnit.MILLIS)
                .jitter(100, ChronoUnit.MILLIS)
                .whenException(ProjectGuards::worthRetrying)
                .beforeRetry(beforeRetry)
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(4, ChronoUnit.SECONDS)
                .done()
                .done();
    }

    private TypedGuard<Page<GitLabJob>> create(ProjectRef project) {
        breakerStates.put(project, CircuitBreakerState.CLOSED);
        return timeoutAndRetry(TypedGuard.create(JOBS_PAGE).withDescription("GitLab jobs of " + project.key()))
                .withCircuitBreaker()
                .requestVolumeThreshold(BREAKER_WINDOW)
                .failureRatio(BREAKER_FAILURE_RATIO)
                .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .onStateChange(state -> breakerStates.put(project, state))
                .done()
                .build();
    }

    static boolean worthRetrying(Throwable e) {
        return e instanceof TimeoutException || (e instanceof GitLabException g && g.retriable());
    }
}
