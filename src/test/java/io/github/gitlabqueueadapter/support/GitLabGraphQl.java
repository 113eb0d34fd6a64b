package io.github.gitlabqueueadapter.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabRunnerStubs.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stand-in for GitLab's GraphQL {@code Query.jobs(statuses: [PENDING], compatibleRunnerId:, first:, after:)} at
 * {@code POST /api/graphql}, answering as GitLab does (app/graphql/resolvers/ci/all_jobs_resolver.rb,
 * app/graphql/types/ci/job_type.rb, graphql-ruby's connections and errors): HTTP 200 with {@code data} or
 * {@code errors}. It computes each runner's answer from a list of jobs and runners with a simple model of GitLab's
 * matcher (tags, run_untagged, protected refs, instance/group/project scope; every project with shared and group
 * runners enabled), newest job first, 100 a page with an opaque cursor. Only the test side holds this model: the
 * adapter asks GitLab.
 */
public final class GitLabGraphQl {

    public static final String PATH = "/api/graphql";
    private static final int PER_PAGE = 100;

    private final WireMockServer wiremock;

    public GitLabGraphQl(WireMockServer wiremock) {
        this.wiremock = wiremock;
    }

    /** A pending job in GitLab: its project by id, path and group, its tags and whether its ref is protected. */
    public record Job(long id, long projectId, String projectPath, Set<String> tags, boolean protectedRef) {

        String group() {
            return projectPath.substring(0, projectPath.lastIndexOf('/'));
        }
    }

    /**
     * A runner in GitLab.
     *
     * @param type instance_type, group_type or project_type
     * @param scope a group runner's group path, a project runner's project ids; empty for an instance runner
     */
    public record Runner(
            long id, String type, Set<String> tags, boolean runUntagged, boolean refProtected, Set<String> scope) {

        boolean takes(Job job) {
            boolean tagsMatch = (runUntagged || !job.tags().isEmpty()) && tags.containsAll(job.tags());
            boolean inScope = switch (type) {
                case "group_type" ->
                    scope.stream()
                            .anyMatch(g -> job.group().equals(g) || job.group().startsWith(g + "/"));
                case "project_type" -> scope.contains(String.valueOf(job.projectId()));
                default -> true;
            };
            return tagsMatch && inScope && (!refProtected || job.protectedRef());
        }
    }

    /** Answers every runner's question from {@code jobs}, paged as GitLab pages a connection. */
    public void serve(List<Job> jobs, List<Runner> runners) {
        for (Runner runner : runners) {
            List<Job> taken = jobs.stream()
                    .filter(runner::takes)
                    .sorted(Comparator.comparingLong(Job::id).reversed())
                    .toList();
            int pages = Math.max(1, (taken.size() + PER_PAGE - 1) / PER_PAGE);
            for (int page = 0; page < pages; page++) {
                List<Job> nodes = taken.subList(page * PER_PAGE, Math.min(taken.size(), (page + 1) * PER_PAGE));
                boolean more = page + 1 < pages;
                MappingBuilder request = asked(runner.id());
                request = page == 0
                        ? request.atPriority(5)
                        : request.atPriority(1)
                                .withRequestBody(
                                        matchingJsonPath("$.variables.after", equalTo(cursor(runner.id(), page))));
                wiremock.stubFor(request.willReturn(json(
                        200,
                        "{\"data\":{\"runner\":{\"id\":\"gid://gitlab/Ci::Runner/" + runner.id() + "\"},"
                                + "\"jobs\":{\"pageInfo\":{\"hasNextPage\":" + more + ",\"endCursor\":"
                                + (more ? "\"" + cursor(runner.id(), page + 1) + "\"" : "null") + "},"
                                + "\"nodes\":["
                                + nodes.stream().map(GitLabGraphQl::node).collect(Collectors.joining(","))
                                + "]}}}")));
            }
        }
    }

    /**
     * GitLab's answer to a token that is not an administrator's: {@code runner} is null (it may not read it) and
     * {@code jobs} an empty connection (the finder's AccessDeniedError becomes {@code none}), with no error.
     */
    public void notAdministrator() {
        everyRequest(
                200,
                "{\"data\":{\"runner\":null,\"jobs\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},"
                        + "\"nodes\":[]}}}");
    }

    /** A GitLab before 16.x: no {@code Query.jobs} at all (graphql-ruby's undefinedField, HTTP 200). */
    public void noJobsField() {
        everyRequest(
                200,
                "{\"errors\":[{\"message\":\"Field 'jobs' doesn't exist on type 'Query'\","
                        + "\"locations\":[{\"line\":1,\"column\":89}],\"path\":[\"query\",\"jobs\"],"
                        + "\"extensions\":{\"code\":\"undefinedField\",\"typeName\":\"Query\","
                        + "\"fieldName\":\"jobs\"}}]}");
    }

    /** A GitLab before 18.1, or with the experiment withdrawn: {@code jobs} without {@code compatibleRunnerId}. */
    public void noCompatibleRunnerArgument() {
        everyRequest(
                200,
                "{\"errors\":[{\"message\":\"Field 'jobs' doesn't accept argument 'compatibleRunnerId'\","
                        + "\"locations\":[{\"line\":1,\"column\":109}],"
                        + "\"path\":[\"query\",\"jobs\",\"compatibleRunnerId\"],"
                        + "\"extensions\":{\"code\":\"argumentNotAccepted\",\"name\":\"jobs\",\"typeName\":\"Field\","
                        + "\"argumentName\":\"compatibleRunnerId\"}}]}");
    }

    /** Every GraphQL request answered with {@code status} and {@code body}. */
    public void everyRequest(int status, String body) {
        wiremock.stubFor(post(urlPathEqualTo(PATH)).atPriority(0).willReturn(json(status, body)));
    }

    /** GraphQL requests GitLab received, about any runner. */
    public int requests() {
        return wiremock.findAll(postRequestedFor(urlPathEqualTo(PATH))).size();
    }

    /** GraphQL requests GitLab received about one runner. */
    public int requestsAbout(long runner) {
        return wiremock.findAll(postRequestedFor(urlPathEqualTo(PATH))
                        .withRequestBody(matchingJsonPath("$.variables.runner", equalTo(gid(runner)))))
                .size();
    }

    /** {@code n} pending jobs of one project with these tags, ids from {@code firstId} on. */
    public static List<Job> jobs(int n, long firstId, long projectId, String projectPath, String... tags) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new Job(firstId + i, projectId, projectPath, Set.of(tags), false));
        }
        return jobs;
    }

    private static MappingBuilder asked(long runner) {
        return post(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath(
                        "$.query", com.github.tomakehurst.wiremock.client.WireMock.containing("compatibleRunnerId")))
                .withRequestBody(matchingJsonPath("$.variables.runner", equalTo(gid(runner))));
    }

    private static String node(Job job) {
        return "{\"id\":\"gid://gitlab/Ci::Build/" + job.id() + "\",\"status\":\"PENDING\",\"tags\":["
                + job.tags().stream().sorted().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
                + "],\"queuedDuration\":12.5,\"project\":{\"id\":\"gid://gitlab/Project/" + job.projectId()
                + "\",\"fullPath\":\"" + job.projectPath() + "\"}}";
    }

    private static String gid(long runner) {
        return "gid://gitlab/Ci::Runner/" + runner;
    }

    private static String cursor(long runner, int page) {
        return java.util.Base64.getEncoder().encodeToString(("{\"id\":\"" + runner + "-" + page + "\"}").getBytes());
    }
}
