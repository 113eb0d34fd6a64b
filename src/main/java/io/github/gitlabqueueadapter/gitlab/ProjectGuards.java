package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.CircuitBreaker;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The fault-tolerance guards of GitLab requests: a timeout on each page request, retries with exponential backoff and
 * jitter on timeouts, connection errors and 5xx, and for a project's jobs a circuit breaker of the project's own. A
 * method annotation would be one breaker for every project; here a failing project opens only its own breaker. The
 * timeout and retries are one SmallRye guard shared by every project; each project has only its breaker
 * ({@link CircuitBreaker}, a few dozen bytes), placed as SmallRye places it: the retries wrap the breaker, which wraps
 * the timeout, so each attempt is one breaker invocation and a timed-out attempt is a failure. Breakers exist only for
 * the projects the poller asks about, and go when a project leaves, so the map is bounded by the watched projects.
 */
@ApplicationScoped
public class ProjectGuards implements ResetForTests {

    /** Consecutive failed requests that open the breaker: with a ratio of 1, a success never opens it. */
    static final int BREAKER_WINDOW = 4;

    private static final TypeLiteral<Page<GitLabJob>> JOBS_PAGE = new TypeLiteral<>() {};
    private static final TypeLiteral<Page<GitLabProject>> GROUP_PAGE = new TypeLiteral<>() {};

    private final Duration timeout;
    private final int maxRetries;
    private final Runnable beforeRetry;
    private final CircuitBreaker.Policy breakerPolicy;
    private final TypedGuard<Page<GitLabProject>> groupListings;
    private final TypedGuard<Object> singleReads;
    /** Retries of a project's job pages; each attempt goes through the project's breaker, then {@link #jobAttempts}. */
    private final TypedGuard<Page<GitLabJob>> jobPages;

    private final TypedGuard<Page<GitLabJob>> jobAttempts;
    private final ConcurrentMap<ProjectRef, CircuitBreaker> breakers = new ConcurrentHashMap<>();

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
        this.beforeRetry = beforeRetry;
        this.breakerPolicy = new CircuitBreaker.Policy(BREAKER_WINDOW, breakerDelay);
        this.groupListings = retries(
                        withTimeout(TypedGuard.create(GROUP_PAGE).withDescription("GitLab group listings")))
                .build();
        this.singleReads = retries(withTimeout(
                        TypedGuard.create(Object.class).withDescription("GitLab runner and project settings reads")))
                .build();
        this.jobPages = retries(TypedGuard.create(JOBS_PAGE).withDescription("GitLab jobs"))
                .build();
        this.jobAttempts = withTimeout(TypedGuard.create(JOBS_PAGE).withDescription("GitLab jobs"))
                .build();
    }

    private static Duration breakerDelay(Duration pollInterval) {
        Duration half = pollInterval.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
    }

    /** The guard of the project's job pages: the shared timeout and retries, and the project's own breaker. */
    PageGuard<GitLabJob> forProject(ProjectRef project) {
        CircuitBreaker breaker = breakers.computeIfAbsent(project, p -> new CircuitBreaker(breakerPolicy));
        return request -> jobPages.call(() -> attempt(project, breaker, request));
    }

    /**
     * One attempt through the project's breaker: refused with SmallRye's {@link CircuitBreakerOpenException} (which
     * is not retried) while it is open, else sent within the timeout, its outcome recorded (any exception, a timeout
     * too, is a failure).
     */
    private Page<GitLabJob> attempt(ProjectRef project, CircuitBreaker breaker, Callable<Page<GitLabJob>> request)
            throws Exception {
        long ticket = breaker.admit(now());
        if (ticket == CircuitBreaker.REFUSED) {
            throw new CircuitBreakerOpenException("GitLab jobs of " + project.key() + " circuit breaker is open");
        }
        try {
            Page<GitLabJob> page = jobAttempts.call(request);
            breaker.succeeded(ticket);
            return page;
        } catch (Throwable e) {
            breaker.failed(ticket, now());
            throw e;
        }
    }

    /**
     * The breakers' time: monotonic, as SmallRye's stopwatch, and not the application's clock (a wall clock set back
     * would hold a breaker open).
     */
    private static Instant now() {
        return Instant.EPOCH.plusNanos(System.nanoTime());
    }

    /** Drops the breaker of a project that is no longer watched, so the map stays bounded by the watched projects. */
    void forget(@Observes ProjectLeft left) {
        breakers.remove(left.project());
    }

    /** Forgets every breaker, as if no project had been asked for yet. */
    @Override
    public void reset() {
        breakers.clear();
    }

    /** The breaker's state, or empty when the project was never asked for. */
    public Optional<CircuitBreakerState> breakerState(ProjectRef project) {
        CircuitBreaker breaker = breakers.get(project);
        return breaker == null ? Optional.empty() : Optional.of(smallRye(breaker.state(now())));
    }

    /** How many projects' breakers are in {@code state} now. */
    public long breakersIn(CircuitBreakerState state) {
        Instant now = now();
        return breakers.values().stream()
                .filter(breaker -> smallRye(breaker.state(now)) == state)
                .count();
    }

    private static CircuitBreakerState smallRye(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> CircuitBreakerState.CLOSED;
            case OPEN -> CircuitBreakerState.OPEN;
            case HALF_OPEN -> CircuitBreakerState.HALF_OPEN;
        };
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

    /** The timeout every request to GitLab shares: each attempt is cut at its {@link #attemptLimit}. */
    private <T> TypedGuard.Builder<T> withTimeout(TypedGuard.Builder<T> builder) {
        return builder.withTimeout()
                .duration(attemptLimit(timeout).toMillis(), ChronoUnit.MILLIS)
                .done();
    }

    /** The retry policy every request to GitLab shares; each retry waits for the request budget first. */
    private <T> TypedGuard.Builder<T> retries(TypedGuard.Builder<T> builder) {
        return builder.withRetry()
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

    static boolean worthRetrying(Throwable e) {
        return e instanceof TimeoutException || (e instanceof GitLabException g && g.retriable());
    }
}
