package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectLeft;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import io.github.gitlabqueueadapter.io.BoundedBody;
import io.github.gitlabqueueadapter.ops.GitLabMetrics;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one way to ask GitLab for jobs: pages through {@code X-Next-Page} to the end (GitLab sends no {@code X-Total}
 * on this endpoint), guards each page request with the project's own timeout, retry and circuit breaker, and turns
 * every failure into a {@link GitLabException}.
 */
@ApplicationScoped
public class GitLabClient {

    /** GitLab's largest page. */
    static final int PER_PAGE = 100;

    private static final List<String> SCOPES = List.of("pending", "running");
    private static final TypeReference<List<GitLabJob>> JOB_LIST = new TypeReference<>() {};
    private static final TypeReference<List<GitLabProject>> PROJECT_LIST = new TypeReference<>() {};
    /** Pages of a group's projects read at most (100,000 projects): a bound, not a limit anyone should meet. */
    static final int MAX_GROUP_PAGES = 1000;

    private final GitLabApi api;
    private final GitLabToken token;
    private final ObjectMapper mapper;
    private final GitLabMetrics metrics;
    private final ProjectGuards guards;
    private final Duration timeout;
    private final int maxPages;
    private final long maxPageBytes;
    private final RequestBudget budget;
    private final TypedGuard<Page<GitLabProject>> groupGuard;

    GitLabClient(
            GitLabConfig gitlab, AdapterConfig adapter, GitLabToken token, ObjectMapper mapper, GitLabMetrics metrics) {
        this.timeout = gitlab.timeout();
        this.maxPageBytes = gitlab.maxPageSize().asLongValue();
        this.api = GitLabConnection.builder(gitlab).build(GitLabApi.class);
        this.token = token;
        this.mapper = mapper;
        this.metrics = metrics;
        this.maxPages = adapter.maxPages();
        this.budget = new RequestBudget(
                gitlab.requestsPerMinute(),
                Clock.systemUTC(),
                wait -> Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000));
        metrics.pausedByRateLimit(budget::pausedTotal);
        Duration breakerDelay = adapter.pollInterval().dividedBy(2);
        this.guards = new ProjectGuards(
                timeout,
                gitlab.maxRetries(),
                breakerDelay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : breakerDelay,
                this::awaitBudget);
        this.groupGuard = guards.forGroupListings();
    }

    /**
     * Reads every page of the project's pending and running jobs, at most {@code adapter.max-pages} of them.
     *
     * @throws GitLabException when any page fails after its retries; no partial count is returned
     */
    public JobsFetch pendingAndRunningJobs(ProjectRef project) {
        TypedGuard<Page<GitLabJob>> guard = guards.forProject(project);
        Map<Long, GitLabJob> jobs = new LinkedHashMap<>();
        int page = 1;
        int pages = 0;
        while (true) {
            int current = page;
            awaitBudget();
            Page<GitLabJob> result = guarded(
                    guard,
                    () -> fetchPage(
                            () -> api.jobs(
                                    project.name(),
                                    SCOPES,
                                    PER_PAGE,
                                    current,
                                    token.current().orElse(null)),
                            JOB_LIST,
                            current));
            pages++;
            result.items().forEach(job -> jobs.putIfAbsent(job.id(), job));
            if (result.nextPage() <= current) {
                return new JobsFetch(List.copyOf(jobs.values()), pages, false);
            }
            if (pages >= maxPages) {
                return new JobsFetch(List.copyOf(jobs.values()), pages, true);
            }
            page = result.nextPage();
        }
    }

    /** Forgets a project that left the watch (its guard and breaker). */
    void forget(@Observes ProjectLeft left) {
        guards.forget(left.project());
    }

    /** The project's circuit breaker state, or empty before its first request. */
    public Optional<CircuitBreakerState> breakerState(ProjectRef project) {
        return guards.breakerState(project);
    }

    /**
     * Every project of a group and its subgroups, archived ones left out, at most {@code limit}. Paced by the same
     * budget; each page has the request timeout and the retries, but no breaker (discovery is rare).
     */
    public List<GitLabProject> groupProjects(GroupRef group, int limit) {
        Map<Long, GitLabProject> projects = new LinkedHashMap<>();
        int page = 1;
        for (int pages = 1; ; pages++) {
            int current = page;
            awaitBudget();
            Page<GitLabProject> result = guarded(
                    groupGuard,
                    () -> fetchPage(
                            () -> api.groupProjects(
                                    group.name(),
                                    true,
                                    false,
                                    false,
                                    true,
                                    PER_PAGE,
                                    current,
                                    token.current().orElse(null)),
                            PROJECT_LIST,
                            current));
            result.items().forEach(p -> projects.putIfAbsent(p.id(), p));
            if (result.nextPage() <= current || projects.size() >= limit || pages >= MAX_GROUP_PAGES) {
                return projects.values().stream().limit(limit).toList();
            }
            page = result.nextPage();
        }
    }

    private <T> T guarded(TypedGuard<T> guard, Callable<T> call) {
        try {
            return guard.call(call);
        } catch (GitLabException e) {
            throw e;
        } catch (TimeoutException e) {
            throw new GitLabException(
                    Kind.TIMEOUT, 0, "GitLab did not answer within gitlab.timeout (" + timeout.toMillis() + " ms)");
        } catch (CircuitBreakerOpenException e) {
            throw new GitLabException(
                    Kind.CIRCUIT_OPEN, 0, "not asked: this project's circuit breaker is open after repeated failures");
        } catch (Exception e) {
            throw new GitLabException(
                    Kind.UNREACHABLE,
                    0,
                    "GitLab request failed: " + e.getClass().getSimpleName());
        }
    }

    /** The time requests have waited because GitLab answered 429, since the start. */
    public Duration rateLimitPaused() {
        return budget.pausedTotal();
    }

    /** Waits for the request budget (and any 429 pause) before a request leaves. */
    private void awaitBudget() {
        try {
            budget.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitLabException(Kind.UNREACHABLE, 0, "interrupted while waiting for the request budget");
        }
    }

    /** One page request, recorded in the metrics whatever its outcome. */
    private <T> Page<T> fetchPage(Supplier<Response> request, TypeReference<List<T>> type, int page) {
        long start = System.nanoTime();
        try {
            Page<T> result = readPage(request, type, page);
            metrics.request("success", 200, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (RuntimeException e) {
            GitLabException failure = e instanceof GitLabException g
                    ? g
                    : e instanceof ProcessingException p
                            ? failureWithoutAnswer(p)
                            : new GitLabException(
                                    Kind.UNREACHABLE,
                                    0,
                                    "GitLab request failed: " + e.getClass().getSimpleName());
            if (failure.retryAfter() != null) {
                budget.pauseUntil(Instant.now().plus(failure.retryAfter()));
            }
            String outcome = Thread.currentThread().isInterrupted()
                    ? Kind.TIMEOUT.code()
                    : failure.kind().code();
            metrics.request(outcome, failure.status(), Duration.ofNanos(System.nanoTime() - start));
            throw failure;
        }
    }

    private <T> Page<T> readPage(Supplier<Response> request, TypeReference<List<T>> listType, int page) {
        Response response;
        try {
            response = request.get();
        } catch (GitLabException e) {
            throw e;
        } catch (WebApplicationException e) {
            throw e.getCause() instanceof GitLabException g
                    ? g
                    : GitLabException.forStatus(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw failureWithoutAnswer(e);
        } catch (RuntimeException e) {
            throw new GitLabException(
                    Kind.UNREACHABLE,
                    0,
                    "GitLab request failed: " + e.getClass().getSimpleName());
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 300 && status < 400) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE,
                        status,
                        "GitLab answered " + status + ", a redirect to "
                                + hostOf(response.getHeaderString("Location"))
                                + ", which is not followed (the token must not"
                                + " leave gitlab.url); set gitlab.url to the address GitLab answers on");
            }
            if (status != 200) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE, status, "GitLab answered " + status + " where 200 was expected");
            }
            observeRateLimit(response);
            MediaType type = response.getMediaType();
            if (type == null
                    || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE,
                        status,
                        "GitLab answered page " + page + " with "
                                + (type == null ? "no content type" : type.getType() + "/" + type.getSubtype())
                                + " instead of JSON (a proxy or login page in front of GitLab?)");
            }
            if (response.getLength() > maxPageBytes) {
                throw tooLarge(page, status);
            }
            byte[] body = readAtMost(response.readEntity(InputStream.class), page, status);
            List<T> items;
            try {
                items = mapper.readValue(body, listType);
            } catch (IOException e) {
                items = null;
            }
            if (items == null || items.contains(null)) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE,
                        status,
                        "GitLab answered page " + page + " with something that is not a JSON list of "
                                + ((Object) listType == JOB_LIST ? "jobs" : "projects"));
            }
            return new Page<>(items, nextPage(response.getHeaderString("X-Next-Page"), page));
        }
    }

    /** GitLab's RateLimit-* headers, sent on successful answers when its general limiter is on. */
    private void observeRateLimit(Response response) {
        Long remaining = number(response.getHeaderString("RateLimit-Remaining"));
        Long reset = number(response.getHeaderString("RateLimit-Reset"));
        budget.observe(
                remaining,
                number(response.getHeaderString("RateLimit-Limit")),
                reset == null ? null : Instant.ofEpochSecond(reset));
        if (remaining != null) {
            metrics.rateLimitRemaining(remaining);
        }
    }

    private static Long number(String header) {
        return header != null && header.strip().matches("[0-9]{1,15}") ? Long.valueOf(header.strip()) : null;
    }

    /** Reads the body as it streams in, refusing it as soon as it passes {@code gitlab.max-page-size}. */
    private byte[] readAtMost(InputStream in, int page, int status) {
        try {
            return BoundedBody.read(in, maxPageBytes, () -> tooLarge(page, status));
        } catch (InterruptedIOException e) {
            throw new GitLabException(
                    Kind.TIMEOUT, status, "GitLab did not finish sending page " + page + " within gitlab.timeout");
        } catch (IOException e) {
            throw new GitLabException(
                    Kind.UNREACHABLE,
                    status,
                    "the connection to GitLab broke while page " + page + " was read: "
                            + e.getClass().getSimpleName());
        }
    }

    private GitLabException tooLarge(int page, int status) {
        return new GitLabException(
                Kind.BAD_RESPONSE,
                status,
                "GitLab's page " + page + " is larger than gitlab.max-page-size (" + maxPageBytes
                        + " bytes); a page of 100 jobs is far smaller: is something else answering?");
    }

    private static String hostOf(String location) {
        try {
            String host = location == null ? null : URI.create(location).getHost();
            return host == null ? "another address" : host;
        } catch (IllegalArgumentException e) {
            return "another address";
        }
    }

    private static GitLabException failureWithoutAnswer(ProcessingException e) {
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

    private static int nextPage(String header, int page) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw new GitLabException(
                    Kind.BAD_RESPONSE,
                    200,
                    "GitLab answered page " + page + " with an X-Next-Page header that is not a number");
        }
    }
}
