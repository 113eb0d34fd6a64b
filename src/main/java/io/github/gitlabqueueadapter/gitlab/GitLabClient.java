package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The one way to ask GitLab: pages through {@code X-Next-Page} to the end (GitLab sends no {@code X-Total} on these
 * endpoints), waits for the request budget before each page, guards each page request with the project's own
 * timeout, retry and circuit breaker ({@link ProjectGuards}), and turns every failure into a {@link GitLabException}.
 */
@ApplicationScoped
public class GitLabClient {

    /** GitLab's largest page. */
    static final int PER_PAGE = 100;
    /** Pages of a group's projects read at most (100,000 projects): a bound, not a limit anyone should meet. */
    static final int MAX_GROUP_PAGES = 1000;

    private static final List<String> SCOPES = List.of("pending", "running");
    private static final TypeReference<List<GitLabJob>> JOB_LIST = new TypeReference<>() {};
    private static final TypeReference<List<GitLabProject>> PROJECT_LIST = new TypeReference<>() {};

    private final GitLabApi api;
    private final GitLabToken token;
    private final PageFetcher pages;
    private final ProjectGuards guards;
    private final RequestBudget budget;
    private final Duration timeout;
    private final int maxPages;

    GitLabClient(
            GitLabConfig gitlab,
            AdapterConfig adapter,
            GitLabToken token,
            PageFetcher pages,
            ProjectGuards guards,
            RequestBudget budget) {
        this.api = GitLabConnection.builder(gitlab).build(GitLabApi.class);
        this.token = token;
        this.pages = pages;
        this.guards = guards;
        this.budget = budget;
        this.timeout = gitlab.timeout();
        this.maxPages = adapter.maxPages();
    }

    /**
     * Reads every page of the project's pending and running jobs, at most {@code adapter.max-pages} of them.
     *
     * @throws GitLabException when any page fail after its retries; no partial count is returned
     */
    public JobsFetch pendingAndRunningJobs(ProjectRef project) {
        Paged<GitLabJob> jobs = readAll(
                guards.forProject(project),
                page -> pages.fetch(
                        () -> api.jobs(
                                project.name(),
                                SCOPES,
                                PER_PAGE,
                                page,
                                token.current().orElse(null)),
                        JOB_LIST,
                        "jobs",
                        page),
                GitLabJob::id,
                maxPages,
                Integer.MAX_VALUE);
        return new JobsFetch(jobs.items().stream().map(JobMapping::toState).toList(), jobs.pages(), jobs.capped());
    }

    /**
     * Every project of a group and its subgroups, archived ones left out, at most {@code limit}. Paced by the same
     * budget; each page has the request timeout and the retries, but no breaker (discovery is rare).
     */
    public List<GitLabProject> groupProjects(GroupRef group, int limit) {
        return readAll(
                        guards.forGroupListings(),
                        page -> pages.fetch(
                                () -> api.groupProjects(
                                        group.name(),
                                        true,
                                        false,
                                        false,
                                        true,
                                        PER_PAGE,
                                        page,
                                        token.current().orElse(null)),
                                PROJECT_LIST,
                                "projects",
                                page),
                        GitLabProject::id,
                        MAX_GROUP_PAGES,
                        limit)
                .items();
    }

    /** The time requests have waited because GitLab answered 429, since the start. */
    public Duration rateLimitPaused() {
        return budget.pausedTotal();
    }

    /** What paging read: each item once (an item that moved between pages as they were read is kept once). */
    private record Paged<T>(List<T> items, int pages, boolean capped) {}

    /**
     * Reads page after page until GitLab names no next page, {@code maxPages} were read ({@code capped} when GitLab
     * had more), or {@code limit} items were found.
     */
    private <T> Paged<T> readAll(
            TypedGuard<Page<T>> guard, IntFunction<Page<T>> fetch, Function<T, Long> id, int maxPages, int limit) {
        Map<Long, T> items = new LinkedHashMap<>();
        int page = 1;
        for (int read = 1; ; read++) {
            int current = page;
            budget.take();
            Page<T> result = guarded(guard, current, fetch);
            result.items().forEach(item -> items.putIfAbsent(id.apply(item), item));
            boolean last = result.nextPage() <= current;
            if (last || read >= maxPages || items.size() >= limit) {
                return new Paged<>(items.values().stream().limit(limit).toList(), read, !last && read >= maxPages);
            }
            page = result.nextPage();
        }
    }

    private <T> Page<T> guarded(TypedGuard<Page<T>> guard, int page, IntFunction<Page<T>> fetch) {
        try {
            return guard.call(() -> fetch.apply(page));
        } catch (Exception e) {
            throw GitLabErrors.classify(e, timeout);
        }
    }
}
