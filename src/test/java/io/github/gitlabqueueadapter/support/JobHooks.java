package io.github.gitlabqueueadapter.support;

/** Job events as GitLab's webhook sends them (doc/user/project/integrations/webhook_events.md, "Job events"). */
public final class JobHooks {

    /** The webhook secret of the %test configuration. */
    public static final String SECRET = "test-webhook-secret-0123456789";

    private JobHooks() {}

    /**
     * POSTs a Job Hook to {@code /webhooks/gitlab} with the headers GitLab sends (event, token, a fresh event UUID) and
     * checks the 202; the answer says what the event did.
     */
    public static io.restassured.response.ValidatableResponse deliver(String body) {
        return deliver(body, java.util.UUID.randomUUID().toString());
    }

    /** {@link #deliver(String)} with the delivery's {@code X-Gitlab-Event-UUID}, as GitLab repeats it. */
    public static io.restassured.response.ValidatableResponse deliver(String body, String uuid) {
        return io.restassured.RestAssured.given()
                .header("X-Gitlab-Event", "Job Hook")
                .header("X-Gitlab-Token", SECRET)
                .header("X-Gitlab-Event-UUID", uuid)
                .contentType("application/json")
                .body(body)
                .post("/webhooks/gitlab")
                .then()
                .statusCode(202);
    }

    /**
     * The id GitLab gives the project at {@code path} in these tests: one per path, as in GitLab (a project's id
     * is its identity: two paths never share one). A numeric "path" is its own id.
     */
    public static long projectId(String path) {
        return path.matches("[1-9][0-9]{0,17}")
                ? Long.parseLong(path)
                : 100_000 + Math.floorMod(path.hashCode(), 900_000);
    }

    /** A Job Hook as GitLab's webhook_events.md shows it, with the job's tags (newer GitLab) when given. */
    public static String event(long jobId, String status, String project, Long runner, String tags) {
        return event(jobId, status, project, runner, tags, 12.5);
    }

    /** {@link #event}, the job having waited {@code queuedSeconds} (GitLab's {@code build_queued_duration}). */
    public static String event(
            long jobId, String status, String project, Long runner, String tags, double queuedSeconds) {
        String runnerJson = runner == null
                ? "null"
                : "{\"active\":true,\"runner_type\":\"group_type\",\"is_shared\":false," + "\"id\":" + runner
                        + ",\"description\":\"k8s-" + runner + "\",\"tags\":[\"docker\",\"linux\"]}";
        return "{\"object_kind\":\"build\",\"ref\":\"main\",\"tag\":false,\"before_sha\":\"0000\",\"sha\":\"2293ada6\","
                + "\"build_id\":" + jobId + ",\"build_name\":\"test\",\"build_stage\":\"test\",\"build_status\":\""
                + status + "\","
                + "\"build_created_at\":\"2021-02-23T02:41:37.886Z\",\"build_started_at\":null,"
                + "\"build_finished_at\":null,"
                + "\"build_duration\":null,\"build_queued_duration\":" + queuedSeconds
                + ",\"build_allow_failure\":false,"
                + "\"build_failure_reason\":\"script_failure\",\"retries_count\":0,\"pipeline_id\":2366,"
                + "\"project_id\":" + projectId(project) + ","
                + "\"project_name\":\"Group / Hooked\",\"user\":{\"id\":3,\"name\":\"User\","
                + "\"email\":\"user@gitlab.com\"},"
                + "\"commit\":{\"id\":2366,\"sha\":\"2293ada6\",\"message\":\"test\\n\",\"status\":\"" + status + "\"},"
                + "\"repository\":{\"name\":\"hooked\",\"homepage\":\"http://gitlab.example.com/" + project + "\"},"
                + "\"project\":{\"id\":" + projectId(project) + ",\"name\":\"Hooked\",\"path_with_namespace\":\""
                + project
                + "\",\"default_branch\":\"main\"},"
                + "\"runner\":" + runnerJson + ",\"environment\":null"
                + (tags == null ? "" : ",\"tags\":[" + tags + "]") + "}";
    }
}
