package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
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
 * poller asks about, and go when a project leaves, so the map is bounded by the watched projects.
 */
@ApplicationScoped
public class ProjectGuards implements ResetForTests {

    /** Consecutive failed requests that open the breaker: with a ratio of 1, a success never opens it. */
    static final int BREAKER_WINDOW = 4;

    static final double BREAKER_FAILURE_RATIO = 1.0;

    private static final TypeLiteral<Page<GitLabJob>> JOBS_PAGE = new TypeLiteral<>() {};
    private static final TypeLiteral<Page<GitLabProject>> GROUP_PAGE = new TypeLiteral<>() {};

    private final Duration timeout;
    private final int maxRetries;
    private final Duration breakerDelay;
    private final Runnable beforeRetry;
    private final TypedGuard<Page<GitLabProject>> groupListings;
    private final TypedGuard<Object> singleReads;
    private final ConcurrentMap<ProjectRef, TypedGuard<Page<GitLabJob>>> guards = new ConcurrentHashMap<>();
    private final ConcurrentMap<ProjectRef, CircuitBreakerState> breakerStates = new ConcurrentHashMap<>();

    /**
     * The breaker stays open for half the poll interval (at least 1 s), shorter than the interval: the next poll sends
     * one probe request and a recovered GitLab is seen within one interval. Each retry is a request and waits for the
     * budget first, outside its timeout.
     */
    @Inject
    ProjectGuards(GitLabConfig gitlab, AdapterConfig adapter, RequestBudget budget) {
        this(gitlab.timeout(), gitlab.maxRetries(), breakerDelay(adapter.pollInterval()), budget::take);
    }

    ProjectGuards(Duration timeout, int maxRetries, Duration breakerDelay, Runnable beforeRetry) {
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.breakerDelay = breakerDelay;
        this.beforeRetry = beforeRetry;
        this.groupListings = timeoutAndRetry(TypedGuard.create(GROUP_PAGE).withDescription("GitLab group listings"))
                .build();
        this.singleReads = timeoutAndRetry(
                        TypedGuard.create(Object.class).withDescription("GitLab runner and project settings reads"))
                .build();
    }

    private static Duration breakerDelay(Duration pollInterval) {
        Duration half = pollInterval.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
    }

    TypedGuard<Page<GitLabJob>> forProject(ProjectRef project) {
        return guards.computeIfAbsent(project, this::create);
    }

    /** Drops the guard of a project that is no longer watched, so the map stays bounded by the watched projects. */
    void forget(@Observes ProjectLeft left) {
        guards.remove(left.project());
        breakerStates.remove(left.project());
    }

    /** Forgets every guard and breaker, as if no project had been asked for yet. */
    @Override
    public void reset() {
        guards.clear();
        breakerStates.clear();
    }

    /** The breaker's state, or empty when the project was never asked for. */
    public Optional<CircuitBreakerState> breakerState(ProjectRef project) {
        return Optional.ofNullable(breakerStates.get(project));
    }

    /** How many projects' breakers are in {@code state} now. */
    public long breakersIn(CircuitBreakerState state) {
        return breakerStates.values().stream().filter(state::equals).count();
    }

    /** The guard of group listings: the same timeout and retries, no breaker (a listing runs every few minutes). */
    TypedGuard<Page<GitLabProject>> forGroupListings() {
        return groupListings;
    }

    /** The guard of single reads (runners, project settings, refs): the same timeout and retries, no breaker. */
    TypedGuard<Object> forSingleReads() {
        return singleReads;
    }

    /**
     * The longest one page request may take with its retries: every attempt runs up to its {@link #attemptLimit}, and
     * each retry waits its backoff (250 ms doubling, at most 4 s) and jitter (at most 100 ms). A number older than its
     * interval plus this is overdue.
     */
    public static Duration longestAttempts(Duration timeout, int maxRetries) {
        Duration total = attemptLimit(timeout).multipliedBy(maxRetries + 1L);
        for (int retry = 0; retry < maxRetries; retry++) {
            total = total.plusMillis(Math.min(250L << Math.min(retry, 10), 4000L) + 100);
        }
        return total;
    }

    /**
     * When the guard cuts an attempt: a quarter past {@code gitlab.timeout} (100 ms to 2 s later). The HTTP client's
     * own connect and read timeouts are {@code gitlab.timeout} and end a silent GitLab first, cleanly; the guard's
     * cut, which interrupts the thread, is left for a body that keeps trickling in. Were both at the same instant, an
     * attempt ending by the client's timeout could race the guard's interrupt, which would then land after the
     * attempt and fail the retry's backoff sleep (SmallRye marks the attempt timed out before it interrupts).
     */
    static Duration attemptLimit(Duration timeout) {
        long grace = Math.max(100, Math.min(2000, timeout.toMillis() / 4));
        return timeout.plusMillis(grace);
    }

    /** The timeout and retry policy every request to GitLab shares. */
    private <T> TypedGuard.Builder<T> timeoutAndRetry(TypedGuard.Builder<T> builder) {
        return builder.withTimeout()
                .duration(attemptLimit(timeout).toMillis(), ChronoUnit.MILLIS)
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
