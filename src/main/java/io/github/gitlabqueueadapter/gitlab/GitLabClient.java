package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSettings;
import io.github.gitlabqueueadapter.domain.RunnerSettings;
import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way to ask GitLab: pages to the end (GitLab sends no {@code X-Total} on these endpoints), a project's jobs
 * by keyset where GitLab can ({@link KeysetPaging}) and else by {@code X-Next-Page}, waits for the request budget
 * before each page, guards each page request with the project's own timeout, retry and circuit breaker
 * ({@link ProjectGuards}), and turns every failure into a {@link GitLabException}.
 */
@ApplicationScoped
public class GitLabClient {

    /** GitLab's largest page. */
    static final int PER_PAGE = 100;
    /** Pages of a group's projects read at most (100,000 projects): a bound, not a limit anyone should meet. */
    static final int MAX_GROUP_PAGES = 1000;

    private static final List<String> SCOPES = List.of("pending", "running");
    private static final String KEYSET = "keyset";
    /** With {@link #SORT}: the only order GitLab pages jobs in by keyset, newest first (it refuses ascending). */
    private static final String ORDER_BY = "id";

    private static final String SORT = "desc";
    private static final TypeReference<List<GitLabJob>> JOB_LIST = new TypeReference<>() {};
    private static final TypeReference<List<GitLabProject>> PROJECT_LIST = new TypeReference<>() {};

    private final GitLabApi api;
    private final GitLabToken token;
    private final PageFetcher pages;
    private final ProjectGuards guards;
    private final RequestBudget budget;
    private final KeysetPaging keyset;
    private final Duration timeout;
    private final int maxPages;

    GitLabClient(
            GitLabConfig gitlab,
            AdapterConfig adapter,
            GitLabToken token,
            PageFetcher pages,
            ProjectGuards guards,
            RequestBudget budget,
            KeysetPaging keyset) {
        this.api = GitLabConnection.builder(gitlab).build(GitLabApi.class);
        this.token = token;
        this.pages = pages;
        this.guards = guards;
        this.budget = budget;
        this.keyset = keyset;
        this.timeout = gitlab.timeout();
        this.maxPages = adapter.maxPages();
    }

    /**
     * Reads every page of the project's pending and running jobs, at most {@code adapter.max-pages} of them: by keyset
     * unless {@code gitlab.pagination=offset} or this GitLab has shown that it cannot, then by offset.
     *
     * @throws GitLabException when any page fail after its retries; no partial count is returned
     */
    public JobsFetch pendingAndRunningJobs(ProjectRef project) {
        if (keyset.keyset()) {
            try {
                return jobs(project, PageRequest.FIRST_BY_KEYSET);
            } catch (GitLabException e) {
                if (!e.keysetUnavailable()) {
                    throw e;
                }
                keyset.unavailable("it answered a keyset request with " + e.status()
                        + " \"Keyset pagination is not yet available for this type of request\"");
            }
        }
        return jobs(project, PageRequest.FIRST_BY_OFFSET);
    }

    private JobsFetch jobs(ProjectRef project, PageRequest first) {
        Paged<GitLabJob> jobs = readAll(
                guards.forProject(project),
                first,
                page -> pages.fetch(() -> jobsPage(project, page), JOB_LIST, "jobs", page),
                GitLabJob::id,
                maxPages,
                Integer.MAX_VALUE);
        return JobMapping.toFetch(jobs.items(), jobs.pages(), jobs.capped(), Instant.now());
    }

    private Response jobsPage(ProjectRef project, PageRequest page) {
        String secret = token.current().orElse(null);
        return page.keyset()
                ? api.jobsByKeyset(project.name(), SCOPES, PER_PAGE, KEYSET, ORDER_BY, SORT, page.cursor(), secret)
                : api.jobs(project.name(), SCOPES, PER_PAGE, page.number(), secret);
    }

    /**
     * Every project of a group and its subgroups, archived ones left out, at most {@code limit}. Paced by the same
     * budget; each page has the request timeout and the retries, but no breaker (discovery is rare).
     */
    public List<GitLabProject> groupProjects(GroupRef group, int limit) {
        return readAll(
                        guards.forGroupListings()::call,
                        PageRequest.FIRST_BY_OFFSET,
                        page -> pages.fetch(
                                () -> api.groupProjects(
                                        group.name(),
                                        true,
                                        false,
                                        false,
                                        true,
                                        PER_PAGE,
                                        page.number(),
                                        token.current().orElse(null)),
                                PROJECT_LIST,
                                "projects",
                                page),
                        GitLabProject::id,
                        MAX_GROUP_PAGES,
                        limit)
                .items();
    }

    /** A runner as GitLab describes it now. */
    public RunnerSettings runner(long id) {
        return RunnerMapping.toSettings(one(
                GitLabRunnerDetails.class,
                "runner " + id,
                () -> api.runner(id, token.current().orElse(null))));
    }

    /** The settings of a project that decide which runners take its jobs. */
    public ProjectSettings projectSettings(ProjectRef project) {
        return RunnerMapping.toSettings(one(
                GitLabProjectSettings.class,
                "project " + project.name(),
                () -> api.project(project.name(), token.current().orElse(null))));
    }

    /** Whether GitLab protects the ref (a branch, or a git tag), by its own rule; null when GitLab does not say. */
    public Boolean refProtected(ProjectRef project, JobRef ref) {
        String secret = token.current().orElse(null);
        return one(
                        GitLabGitRef.class,
                        (ref.tag() ? "tag " : "branch ") + ref.name() + " of " + project.name(),
                        () -> ref.tag()
                                ? api.tag(project.name(), ref.name(), secret)
                                : api.branch(project.name(), ref.name(), secret))
                .isProtected();
    }

    /** One object read within the budget, with the timeout and retries of every request; no breaker. */
    private <T> T one(Class<T> type, String what, Supplier<Response> request) {
        budget.take();
        try {
            return type.cast(guards.forSingleReads().call(() -> pages.fetchOne(request, type, what)));
        } catch (Exception e) {
            throw GitLabErrors.classify(e, timeout);
        }
    }

    /** The time requests have waited because GitLab answered 429, since the start. */
    public Duration rateLimitPaused() {
        return budget.pausedTotal();
    }

    /** What paging read: each item once (an item that moved between pages as they were read is kept once). */
    private record Paged<T>(List<T> items, int pages, boolean capped) {}

    /**
     * Reads page after page from {@code first} until GitLab names no next page, {@code maxPages} were read
     * ({@code capped} when GitLab had more), or {@code limit} items were found.
     */
    private <T> Paged<T> readAll(
            PageGuard<T> guard,
            PageRequest first,
            Function<PageRequest, Page<T>> fetch,
            Function<T, Long> id,
            int maxPages,
            int limit) {
        Map<Long, T> items = new LinkedHashMap<>();
        Set<String> cursors = new HashSet<>();
        PageRequest page = first;
        for (int read = 1; ; read++) {
            budget.take();
            Page<T> result = guarded(guard, page, fetch);
            result.items().forEach(item -> items.putIfAbsent(id.apply(item), item));
            PageRequest next = next(page, result, cursors);
            if (next == null || read >= maxPages || items.size() >= limit) {
                boolean capped = next != null && read >= maxPages;
                return new Paged<>(items.values().stream().limit(limit).toList(), read, capped);
            }
            page = next;
        }
    }

    /**
     * The page after {@code page}, or null on the last. A keyset page names the next by its cursor; a cursor already
     * followed in this read is refused (it would read the same pages again and again). A GitLab that answers a keyset
     * request by offset ({@code X-Next-Page}) ignores keyset paging: the read goes on by offset.
     */
    private <T> PageRequest next(PageRequest page, Page<T> result, Set<String> cursors) {
        if (result.nextCursor() != null) {
            if (!cursors.add(result.nextCursor())) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE,
                        200,
                        "GitLab answered page " + page.number() + " with a next-page cursor it had already named"
                                + " in this read: not followed again");
            }
            return new PageRequest(page.number() + 1, true, result.nextCursor());
        }
        if (result.nextPage() <= page.number()) {
            return null;
        }
        if (page.keyset()) {
            keyset.unavailable("it answered a keyset request by offset, with X-Next-Page");
        }
        return new PageRequest(result.nextPage(), false, null);
    }

    private <T> Page<T> guarded(PageGuard<T> guard, PageRequest page, Function<PageRequest, Page<T>> fetch) {
        try {
            return guard.call(() -> fetch.apply(page));
        } catch (Exception e) {
            throw GitLabErrors.classify(e, timeout);
        }
    }
}
