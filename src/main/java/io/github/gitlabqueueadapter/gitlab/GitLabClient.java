package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import io.github.gitlabqueueadapter.metrics.GitLabMetrics;
import io.github.gitlabqueueadapter.queue.ProjectRef;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.RestResponse;

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
    private static final TypeReference<List<GitLabJob>> JOB_LIST = new TypeReference<>() {
    };

    private final GitLabApi api;
    private final GitLabToken token;
    private final ObjectMapper mapper;
    private final GitLabMetrics metrics;
    private final ProjectGuards guards;
    private final Duration timeout;
    private final int maxPages;

    GitLabClient(GitLabConfig gitlab, AdapterConfig adapter, GitLabToken token, ObjectMapper mapper, GitLabMetrics metrics) {
        this.timeout = gitlab.timeout();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(stripTrailingSlash(gitlab.url())))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build(GitLabApi.class);
        this.token = token;
        this.mapper = mapper;
        this.metrics = metrics;
        this.maxPages = adapter.maxPages();
        Duration breakerDelay = adapter.pollInterval().dividedBy(2);
        this.guards = new ProjectGuards(timeout, gitlab.maxRetries(),
                breakerDelay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : breakerDelay);
    }

    /**
     * Reads every page of the project's pending and running jobs, at most {@code adapter.max-pages} of them.
     *
     * @throws GitLabException when any page fails after its retries; no partial count is returned
     */
    public JobsFetch pendingAndRunningJobs(ProjectRef project) {
        TypedGuard<JobsPage> guard = guards.forProject(project);
        Map<Long, GitLabJob> jobs = new LinkedHashMap<>();
        int page = 1;
        int pages = 0;
        while (true) {
            int current = page;
            JobsPage result = guarded(guard, () -> fetchPage(project, current));
            pages++;
            result.jobs().forEach(job -> jobs.putIfAbsent(job.id(), job));
            if (result.nextPage() <= current) {
                return new JobsFetch(List.copyOf(jobs.values()), pages, false);
            }
            if (pages >= maxPages) {
                return new JobsFetch(List.copyOf(jobs.values()), pages, true);
            }
            page = result.nextPage();
        }
    }

    /** The project's circuit breaker state, or empty before its first request. */
    public Optional<CircuitBreakerState> breakerState(ProjectRef project) {
        return guards.breakerState(project);
    }

    private JobsPage guarded(TypedGuard<JobsPage> guard, Callable<JobsPage> call) {
        try {
            return guard.call(call);
        } catch (GitLabException e) {
            throw e;
        } catch (TimeoutException e) {
            throw new GitLabException(Kind.TIMEOUT, 0, "GitLab did not answer within gitlab.timeout (" + timeout.toMillis() + " ms)");
        } catch (CircuitBreakerOpenException e) {
            throw new GitLabException(Kind.CIRCUIT_OPEN, 0,
                    "not asked: this project's circuit breaker is open after repeated failures");
        } catch (Exception e) {
            throw new GitLabException(Kind.UNREACHABLE, 0, "GitLab request failed: " + e.getClass().getSimpleName());
        }
    }

    /** One page request, recorded in the metrics whatever its outcome. */
    private JobsPage fetchPage(ProjectRef project, int page) {
        long start = System.nanoTime();
        try {
            JobsPage result = readPage(project, page);
            metrics.request("success", 200, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (GitLabException e) {
            String outcome = Thread.currentThread().isInterrupted() ? Kind.TIMEOUT.code() : e.kind().code();
            metrics.request(outcome, e.status(), Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }

    private JobsPage readPage(ProjectRef project, int page) {
        RestResponse<String> response;
        try {
            response = api.jobs(project.name(), SCOPES, PER_PAGE, page, token.current().orElse(null));
        } catch (GitLabException e) {
            throw e;
        } catch (WebApplicationException e) {
            throw e.getCause() instanceof GitLabException g ? g : GitLabException.forStatus(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw failureWithoutAnswer(e);
        } catch (RuntimeException e) {
            throw new GitLabException(Kind.UNREACHABLE, 0, "GitLab request failed: " + e.getClass().getSimpleName());
        }
        metrics.rateLimitRemaining(response.getHeaderString("RateLimit-Remaining"));
        String body = response.getEntity();
        List<GitLabJob> jobs;
        try {
            jobs = body == null ? null : mapper.readValue(body, JOB_LIST);
        } catch (JsonProcessingException e) {
            jobs = null;
        }
        if (jobs == null) {
            throw new GitLabException(Kind.BAD_RESPONSE, response.getStatus(),
                    "GitLab answered page " + page + " with something that is not a JSON list of jobs");
        }
        return new JobsPage(jobs, nextPage(response.getHeaderString("X-Next-Page"), page));
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
        return new GitLabException(Kind.UNREACHABLE, 0, "GitLab unreachable: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")"));
    }

    private static int nextPage(String header, int page) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw new GitLabException(Kind.BAD_RESPONSE, 200,
                    "GitLab answered page " + page + " with an X-Next-Page header that is not a number");
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
