package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.GitLabCount;
import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pending jobs GitLab would hand one runner, by GitLab's own matcher: GraphQL
 * {@code Query.jobs(statuses: [PENDING], compatibleRunnerId:)}, paged 100 at a time up to {@code adapter.max-pages},
 * each page after its slot of the request budget, with the timeout and retries of every single read, the body bounded
 * by {@code gitlab.max-page-size}. Not tried against a live GitLab: modelled on GitLab's source, read for this
 * (app/graphql/types/query_type.rb: {@code jobs}, "returns an empty result for users without administrator access";
 * app/graphql/resolvers/ci/all_jobs_resolver.rb: {@code compatibleRunnerId}, an experiment since 18.1, only with
 * {@code statuses: [PENDING]}; app/finders/ci/jobs_finder.rb: a runner's jobs need {@code read_builds} on it, else
 * none; app/graphql/types/ci/job_type.rb; GraphQL connections' {@code pageInfo} and {@code first} of at most 100).
 * The query also asks {@code runner(id:)}, null for a token that may not read the runner: GitLab's empty list for a
 * refused token would otherwise pass for an empty queue.
 */
@ApplicationScoped
public class CompatibleJobs {

    static final String QUERY = "query($runner: CiRunnerID!, $after: String) {"
            + " runner(id: $runner) { id }"
            + " jobs(statuses: [PENDING], compatibleRunnerId: $runner, first: 100, after: $after) {"
            + " pageInfo { hasNextPage endCursor }"
            + " nodes { id status tags queuedDuration project { id fullPath } } } }";

    private static final String BUILD = "gid://gitlab/Ci::Build/";
    private static final String PROJECT = "gid://gitlab/Project/";
    /** Longest piece of GitLab's own error message repeated in a log line or a reason. */
    private static final int MAX_MESSAGE = 200;

    private final GitLabGraphQlApi api;
    private final GitLabToken token;
    private final PageFetcher pages;
    private final ProjectGuards guards;
    private final RequestBudget budget;
    private final Duration timeout;
    private final int maxPages;

    CompatibleJobs(
            GitLabConfig gitlab,
            AdapterConfig adapter,
            GitLabToken token,
            PageFetcher pages,
            ProjectGuards guards,
            RequestBudget budget) {
        this.api = GitLabConnection.builder(gitlab).build(GitLabGraphQlApi.class);
        this.token = token;
        this.pages = pages;
        this.guards = guards;
        this.budget = budget;
        this.timeout = gitlab.timeout();
        this.maxPages = adapter.maxPages();
    }

    /**
     * What GitLab listed for one runner.
     *
     * @param pages the requests it took
     * @param capped GitLab had more than {@code adapter.max-pages} pages
     */
    public record Listing(List<GitLabCount.Job> jobs, int pages, boolean capped) {}

    /**
     * The pending jobs GitLab would hand the runner, each once.
     *
     * @throws GitLabCountRefused when this GitLab or token cannot answer it (fall back; asking soon again won't help)
     * @throws GitLabException when the read failed otherwise (a timeout, a 5xx): the count goes stale
     */
    public Listing pending(long runner) {
        Map<Long, GitLabCount.Job> jobs = new java.util.LinkedHashMap<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        for (int page = 1; ; page++) {
            GraphQlJobsAnswer.Jobs listed = page(runner, after);
            for (GraphQlJobsAnswer.Job job :
                    listed.nodes() == null ? List.<GraphQlJobsAnswer.Job>of() : listed.nodes()) {
                GitLabCount.Job read = job(job, runner);
                jobs.putIfAbsent(read.id(), read);
            }
            GraphQlJobsAnswer.PageInfo info = listed.pageInfo();
            boolean more = info != null && info.hasNextPage() && info.endCursor() != null;
            if (!more || page >= maxPages) {
                return new Listing(new ArrayList<>(jobs.values()), page, more);
            }
            if (!cursors.add(info.endCursor())) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE,
                        200,
                        "GitLab's GraphQL named a next-page cursor for runner " + runner + " it had named before");
            }
            after = info.endCursor();
        }
    }

    private GraphQlJobsAnswer.Jobs page(long runner, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("runner", "gid://gitlab/Ci::Runner/" + runner);
        variables.put("after", after);
        GraphQlRequest request = new GraphQlRequest(QUERY, variables);
        budget.take();
        GraphQlJobsAnswer answer;
        try {
            answer = (GraphQlJobsAnswer) guards.forSingleReads()
                    .call(() -> pages.fetchOne(
                            () -> api.query(request, token.current().orElse(null)),
                            GraphQlJobsAnswer.class,
                            "GraphQL jobs of runner " + runner));
        } catch (Exception e) {
            GitLabException failure = GitLabErrors.classify(e, timeout);
            if (failure.kind() == Kind.UNAUTHORIZED
                    || failure.kind() == Kind.FORBIDDEN
                    || failure.kind() == Kind.NOT_FOUND) {
                throw new GitLabCountRefused("GitLab answered " + failure.status() + " to POST /api/graphql");
            }
            throw failure;
        }
        return jobsOf(answer, runner);
    }

    /** The page's jobs, or why GitLab cannot count for this token (a refusal) or answered something else. */
    static GraphQlJobsAnswer.Jobs jobsOf(GraphQlJobsAnswer answer, long runner) {
        List<GraphQlJobsAnswer.Error> errors = answer.errors() == null ? List.of() : answer.errors();
        for (GraphQlJobsAnswer.Error error : errors) {
            Object code = error.extensions() == null ? null : error.extensions().get("code");
            String message = error.message() == null ? "" : error.message();
            if ("undefinedField".equals(code)
                    || "argumentNotAccepted".equals(code)
                    || message.contains("doesn't exist on type")
                    || message.contains("doesn't accept argument")) {
                throw new GitLabCountRefused("GitLab's GraphQL has no Query.jobs(compatibleRunnerId:) (GitLab"
                        + " before 18.1, or the experiment withdrawn): \"" + shortened(message) + "\"");
            }
        }
        GraphQlJobsAnswer.Data data = answer.data();
        if (data == null || data.jobs() == null) {
            throw new GitLabCountRefused("GitLab's GraphQL answered no Query.jobs"
                    + (errors.isEmpty() ? "" : ": \"" + shortened(errors.get(0).message()) + "\""));
        }
        if (data.runner() == null) {
            throw new GitLabCountRefused("the token may not read runner " + runner
                    + " in GitLab's GraphQL, and GitLab lists a runner's pending jobs only to an administrator (or"
                    + " who may read its jobs)");
        }
        return data.jobs();
    }

    private static GitLabCount.Job job(GraphQlJobsAnswer.Job job, long runner) {
        Long id = number(job.id(), BUILD);
        if (id == null) {
            throw new GitLabException(
                    Kind.BAD_RESPONSE,
                    200,
                    "GitLab's GraphQL listed a job for runner " + runner + " whose id is not " + BUILD + "N");
        }
        GraphQlJobsAnswer.Project project = job.project();
        return new GitLabCount.Job(
                id,
                project == null ? null : number(project.id(), PROJECT),
                project == null ? null : project.fullPath(),
                job.queuedDuration() == null || !(job.queuedDuration() >= 0) ? 0 : job.queuedDuration());
    }

    private static Long number(String gid, String prefix) {
        if (gid == null
                || !gid.startsWith(prefix)
                || !gid.substring(prefix.length()).matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.valueOf(gid.substring(prefix.length()));
    }

    private static String shortened(String message) {
        String text = message == null ? "" : message.replaceAll("\\p{Cntrl}", " ");
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
