package io.github.gitlabqueueadapter.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stubs that answer like GitLab's jobs endpoint: a JSON array with the real field names and many fields the adapter
 * does not read, {@code X-Page}/{@code X-Next-Page}/{@code Link} headers, and never {@code X-Total}.
 */
public final class GitLabStubs {

    private static final AtomicLong IDS = new AtomicLong(7000);

    private final WireMockServer wiremock;

    public GitLabStubs(WireMockServer wiremock) {
        this.wiremock = wiremock;
    }

    /** Forgets every stub and every request WireMock saw. */
    public void resetAll() {
        wiremock.resetAll();
    }

    /** The request path GitLab sees for a project: its id, or its full path encoded once. */
    public static String jobsPath(String project) {
        return "/api/v4/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8) + "/jobs";
    }

    /** Serves {@code pages} as consecutive pages of the project's pending and running jobs. */
    public void jobPages(String project, List<List<String>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            int page = i + 1;
            boolean last = page == pages.size();
            ResponseDefinitionBuilder response = aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Page", String.valueOf(page))
                    .withHeader("X-Per-Page", "100")
                    .withHeader("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "")
                    .withHeader("X-Next-Page", last ? "" : String.valueOf(page + 1))
                    .withBody("[" + String.join(",", pages.get(i)) + "]");
            if (!last) {
                response = response.withHeader(
                        "Link",
                        "<" + wiremock.baseUrl() + jobsPath(project) + "?page=" + (page + 1)
                                + "&per_page=100>; rel=\"next\"");
            }
            wiremock.stubFor(jobsRequest(project)
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(response));
        }
    }

    /** Serves one page holding these jobs. */
    public void jobs(String project, String... jobs) {
        jobPages(project, List.of(List.of(jobs)));
    }

    /** Answers every jobs request of the project with {@code response}. */
    public void answer(String project, ResponseDefinitionBuilder response) {
        wiremock.stubFor(jobsRequest(project).willReturn(response));
    }

    /** Matches the adapter's jobs request for the project, whatever the page. */
    public static MappingBuilder jobsRequest(String project) {
        return get(urlPathEqualTo(jobsPath(project)));
    }

    /** Counts the jobs requests WireMock received for the project. */
    public int requestsFor(String project) {
        RequestPatternBuilder pattern = getRequestedFor(urlPathEqualTo(jobsPath(project)));
        return wiremock.countRequestsMatching(pattern.build()).getCount();
    }

    /** {@code count} pending jobs as GitLab lists them, each waiting {@code queuedSeconds}. */
    public static List<String> pendingJobs(int count, double queuedSeconds, String... tags) {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(pendingJob(queuedSeconds, tags));
        }
        return jobs;
    }

    public static String pendingJob(double queuedSeconds, String... tags) {
        return job("pending", queuedSeconds, "null", tags);
    }

    /** A job in a status that is not in the runner queue ({@code created}, {@code manual}, ...). */
    public static String jobInStatus(String status, String... tags) {
        return job(status, 0, "null", tags);
    }

    public static String runningJob(long runnerId, String... tags) {
        String runner = "{\"id\":" + runnerId + ",\"description\":\"k8s-runner-" + runnerId + "\",\"ip_address\":null,"
                + "\"active\":true,\"paused\":false,\"is_shared\":false,\"runner_type\":\"group_type\","
                + "\"name\":\"gitlab-runner\",\"online\":true,\"status\":\"online\"}";
        return job("running", 3.2, runner, tags);
    }

    private static String job(String status, double queuedSeconds, String runner, String... tags) {
        long id = IDS.incrementAndGet();
        StringBuilder tagList = new StringBuilder();
        for (String tag : tags) {
            tagList.append(tagList.length() == 0 ? "" : ",")
                    .append('"')
                    .append(tag)
                    .append('"');
        }
        return "{\"id\":" + id + ",\"status\":\"" + status + "\",\"stage\":\"test\",\"name\":\"rspec " + id + "\","
                + "\"ref\":\"main\",\"tag\":false,\"coverage\":null,\"allow_failure\":false,"
                + "\"created_at\":\"2026-11-20T10:01:02.345Z\",\"started_at\":null,\"finished_at\":null,"
                + "\"erased_at\":null,\"duration\":null,\"queued_duration\":" + queuedSeconds + ","
                + "\"user\":{\"id\":1,\"username\":\"ci-user\",\"name\":\"CI User\",\"state\":\"active\"},"
                + "\"commit\":{\"id\":\"0b4bc9a49b562e85de7cc9e834518ea6828729b9\",\"short_id\":\"0b4bc9a4\","
                + "\"title\":\"Test\"},"
                + "\"pipeline\":{\"id\":901,\"iid\":12,\"project_id\":12,\"ref\":\"main\",\"sha\":\"0b4bc9a4\","
                + "\"status\":\"pending\",\"source\":\"push\"},"
                + "\"failure_reason\":null,\"web_url\":\"https://gitlab.example.com/group/app/-/jobs/" + id + "\","
                + "\"project\":{\"ci_job_token_scope_enabled\":false},\"artifacts\":[],\"runner\":" + runner + ","
                + "\"runner_manager\":null,\"artifacts_expire_at\":null,\"archived\":false,"
                + "\"tag_list\":[" + tagList + "]}";
    }
}
