package io.github.gitlabqueueadapter.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stubs that answer like GitLab's jobs endpoint: a JSON array with the real field names and many fields the adapter
 * does not read, by offset with {@code X-Page}/{@code X-Next-Page}/{@code Link} headers or by keyset with a cursor in
 * {@code Link}, and never {@code X-Total}.
 */
public final class GitLabStubs {

    /** The host GitLab writes into its links when its configured host is not the one the adapter reaches. */
    public static final String ELSEWHERE = "https://gitlab.elsewhere.example";

    private static final AtomicLong IDS = new AtomicLong(7000);
    private static final int PER_PAGE = 100;
    private static final String CHANGED = "changed";
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

    private final WireMockServer wiremock;

    /** Where a job of {@link #pendingJob} names its project, until a page of one project serves it. */
    private static final String PROJECT_ID = "\"project_id\":0,";

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

    /**
     * Serves {@code pages} as consecutive pages of the project's pending and running jobs, as GitLab 15.9+ does: by
     * offset ({@code page=N}, {@code X-Next-Page}) and by keyset ({@code pagination=keyset}, the next page's cursor in
     * {@code Link: <...>; rel="next"}, no {@code X-Next-Page}).
     */
    public void jobPages(String project, List<List<String>> pages) {
        offsetPages(project, pages, null, null);
        keysetPages(project, pages, null, null);
    }

    /**
     * Serves {@code pages} as a GitLab that pages jobs only by offset and ignores {@code pagination=keyset}: every
     * request gets the offset page its {@code page} names, the first when it names none.
     */
    public void jobPagesIgnoringKeyset(String project, List<List<String>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            ResponseDefinitionBuilder page = offsetPage(project, pages.get(i), i + 1, i + 1 < pages.size());
            wiremock.stubFor(jobsRequest(project)
                    .withQueryParam("page", equalTo(String.valueOf(i + 1)))
                    .willReturn(page));
            if (i == 0) {
                wiremock.stubFor(
                        jobsRequest(project).withQueryParam("page", absent()).willReturn(page));
            }
        }
    }

    /**
     * From now on the project's keyset requests get the 405 of a GitLab that cannot page jobs by keyset
     * (lib/api/helpers/pagination_strategies.rb); offset requests are answered as stubbed.
     */
    public void refuseKeyset(String project) {
        wiremock.stubFor(keysetRequest(project).willReturn(keysetRefused()));
    }

    /** GitLab's answer to a keyset request it cannot page by keyset. */
    public static ResponseDefinitionBuilder keysetRefused() {
        return aResponse()
                .withStatus(405)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Keyset pagination is not yet available for this type of request\"}");
    }

    /**
     * A list that moves while it is read, as GitLab's does: {@code before} is served until GitLab has sent the first
     * page of it (by offset or by keyset), {@code after} from then on (WireMock scenario "jobs of " + project). Both
     * are listed as GitLab lists jobs, newest (highest id) first, 100 a page. An offset page N is the N-th hundred of
     * the list as it is now; a keyset page is the hundred after its cursor's job, by id, in the list as it is now.
     */
    public void jobsChangingAfterFirstPage(String project, List<String> before, List<String> after) {
        String scenario = "jobs of " + project;
        List<String> first = chunks(newestFirst(before)).get(0);
        boolean more = before.size() > PER_PAGE;
        wiremock.stubFor(offsetRequest(project, 1)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(offsetPage(project, first, 1, more))
                .willSetStateTo(CHANGED));
        wiremock.stubFor(keysetRequest(project)
                .withQueryParam("cursor", absent())
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(keysetPage(project, first, more))
                .willSetStateTo(CHANGED));
        List<String> now = newestFirst(after);
        offsetPages(project, chunks(now), scenario, CHANGED);
        keysetPages(project, chunks(now), scenario, CHANGED);
        for (long cursor = more ? idOf(first.get(first.size() - 1)) : 0; cursor > 0; ) {
            long last = cursor;
            List<String> rest = now.stream().filter(job -> idOf(job) < last).toList();
            List<String> page = rest.subList(0, Math.min(PER_PAGE, rest.size()));
            boolean hasNext = rest.size() > PER_PAGE;
            wiremock.stubFor(keysetRequest(project)
                    .withQueryParam("cursor", equalTo(cursorAfter(last)))
                    .inScenario(scenario)
                    .whenScenarioStateIs(CHANGED)
                    .willReturn(keysetPage(project, page, hasNext)));
            cursor = hasNext ? idOf(page.get(page.size() - 1)) : 0;
        }
    }

    private void offsetPages(String project, List<List<String>> pages, String scenario, String state) {
        for (int i = 0; i < pages.size(); i++) {
            MappingBuilder request = offsetRequest(project, i + 1);
            if (scenario != null) {
                request = request.inScenario(scenario).whenScenarioStateIs(state);
            }
            wiremock.stubFor(request.willReturn(offsetPage(project, pages.get(i), i + 1, i + 1 < pages.size())));
        }
    }

    private void keysetPages(String project, List<List<String>> pages, String scenario, String state) {
        for (int i = 0; i < pages.size(); i++) {
            List<String> previous = i == 0 ? null : pages.get(i - 1);
            MappingBuilder request = keysetRequest(project)
                    .withQueryParam(
                            "cursor",
                            previous == null
                                    ? absent()
                                    : equalTo(cursorAfter(idOf(previous.get(previous.size() - 1)))));
            if (scenario != null) {
                request = request.inScenario(scenario).whenScenarioStateIs(state);
            }
            wiremock.stubFor(request.willReturn(keysetPage(project, pages.get(i), i + 1 < pages.size())));
        }
    }

    private static MappingBuilder offsetRequest(String project, int page) {
        return jobsRequest(project)
                .withQueryParam("pagination", absent())
                .withQueryParam("page", equalTo(String.valueOf(page)));
    }

    private static MappingBuilder keysetRequest(String project) {
        return jobsRequest(project).withQueryParam("pagination", equalTo("keyset"));
    }

    /** A page's JSON: each job's pipeline names the project's own id, as GitLab's do (one id per project). */
    private static String body(String project, List<String> jobs) {
        String id = "\"project_id\":" + JobHooks.projectId(project) + ",";
        return "[" + jobs.stream().map(job -> job.replace(PROJECT_ID, id)).collect(Collectors.joining(",")) + "]";
    }

    private ResponseDefinitionBuilder offsetPage(String project, List<String> jobs, int page, boolean more) {
        ResponseDefinitionBuilder response = aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Page", String.valueOf(page))
                .withHeader("X-Per-Page", "100")
                .withHeader("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "")
                .withHeader("X-Next-Page", more ? String.valueOf(page + 1) : "")
                .withBody(body(project, jobs));
        if (more) {
            response = response.withHeader(
                    "Link",
                    "<" + wiremock.baseUrl() + jobsPath(project) + "?page=" + (page + 1)
                            + "&per_page=100>; rel=\"next\"");
        }
        return response;
    }

    /**
     * A keyset page as GitLab writes it: no {@code X-Next-Page}; the next page in {@code Link}, its URL built on
     * GitLab's own idea of its host (here one the adapter must never ask) with every parameter of the request and the
     * cursor, the keys sorted and escaped as Rails' {@code to_query} does.
     */
    private static ResponseDefinitionBuilder keysetPage(String project, List<String> jobs, boolean more) {
        ResponseDefinitionBuilder response = aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body(project, jobs));
        if (more) {
            response = response.withHeader(
                    "Link",
                    "<" + ELSEWHERE + jobsPath(project) + "?cursor="
                            + URLEncoder.encode(cursorAfter(idOf(jobs.get(jobs.size() - 1))), StandardCharsets.UTF_8)
                            + "&order_by=id&pagination=keyset&per_page=100&scope%5B%5D=pending&scope%5B%5D=running"
                            + "&sort=desc>; rel=\"next\"");
        }
        return response;
    }

    /** GitLab's cursor for the page after the job {@code id}: base64url of the last id, opaque to the adapter. */
    public static String cursorAfter(long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"id\":\"" + id + "\",\"_kd\":\"n\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The id of a job as {@link #pendingJob} and the others write it. */
    public static long idOf(String job) {
        Matcher m = ID.matcher(job);
        if (!m.find()) {
            throw new IllegalArgumentException("not a job of GitLabStubs: " + job);
        }
        return Long.parseLong(m.group(1));
    }

    private static List<String> newestFirst(List<String> jobs) {
        return jobs.stream()
                .sorted(Comparator.comparingLong(GitLabStubs::idOf).reversed())
                .toList();
    }

    private static List<List<String>> chunks(List<String> jobs) {
        List<List<String>> pages = new ArrayList<>();
        for (int from = 0; from < jobs.size() || from == 0; from += PER_PAGE) {
            pages.add(jobs.subList(from, Math.min(jobs.size(), from + PER_PAGE)));
        }
        return pages;
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

    /** {@code job} with the id of {@code earlier}: the same job as GitLab lists it later, in another status. */
    public static String sameJob(String job, String earlier) {
        return job.replaceFirst("^\\{\"id\":\\d+,", "{\"id\":" + idOf(earlier) + ",");
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
        return runningJob(runnerId, 3.2, tags);
    }

    /** A running job that waited {@code queuedSeconds} for its runner (GitLab's final {@code queued_duration}). */
    public static String runningJob(long runnerId, double queuedSeconds, String... tags) {
        String runner = "{\"id\":" + runnerId + ",\"description\":\"k8s-runner-" + runnerId + "\",\"ip_address\":null,"
                + "\"active\":true,\"paused\":false,\"is_shared\":false,\"runner_type\":\"group_type\","
                + "\"name\":\"gitlab-runner\",\"online\":true,\"status\":\"online\"}";
        return job("running", queuedSeconds, runner, tags);
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
                + "\"pipeline\":{\"id\":901,\"iid\":12," + PROJECT_ID + "\"ref\":\"main\",\"sha\":\"0b4bc9a4\","
                + "\"status\":\"pending\",\"source\":\"push\"},"
                + "\"failure_reason\":null,\"web_url\":\"https://gitlab.example.com/group/app/-/jobs/" + id + "\","
                + "\"project\":{\"ci_job_token_scope_enabled\":false},\"artifacts\":[],\"runner\":" + runner + ","
                + "\"runner_manager\":null,\"artifacts_expire_at\":null,\"archived\":false,"
                + "\"tag_list\":[" + tagList + "]}";
    }
}
