package io.github.gitlabqueueadapter.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Stubs that answer like GitLab's runner, project and branch endpoints ({@code GET /runners/:id},
 * {@code GET /projects/:id}, {@code GET /projects/:id/repository/branches/:name}), with real field names and some
 * the adapter does not read.
 */
public final class GitLabRunnerStubs {

    private final WireMockServer wiremock;

    public GitLabRunnerStubs(WireMockServer wiremock) {
        this.wiremock = wiremock;
    }

    /** A job JSON of GitLabStubs moved to another ref ({@code tag}: a git tag). */
    public static String onRef(String job, String ref, boolean tag) {
        return job.replace("\"ref\":\"main\",\"tag\":false", "\"ref\":\"" + ref + "\",\"tag\":" + tag);
    }

    /** GitLab's {@code GET /projects/:id} of a project, with these settings fields. */
    public void project(String path, long id, String settings) {
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/projects/" + path.replace("/", "%2F")))
                .willReturn(json(
                        200,
                        "{\"id\":" + id + ",\"name\":\"x\",\"path_with_namespace\":\"" + path + "\","
                                + "\"namespace\":{\"id\":3,\"full_path\":\"it\",\"kind\":\"group\"}," + settings
                                + "}")));
    }

    /** A runner of it/runners-a (project type) or of group it (group type). */
    public void runner(long id, String type, String tags, boolean untagged, String access, boolean paused) {
        runner(id, type, tags, untagged, access, paused, "it/runners-a", "it");
    }

    /** GitLab's {@code GET /runners/:id}: a project runner of {@code project}, a group runner of {@code group}. */
    public void runner(
            long id,
            String type,
            String tags,
            boolean untagged,
            String access,
            boolean paused,
            String project,
            String group) {
        String scope = switch (type) {
            case "project_type" ->
                "\"projects\":[{\"id\":" + (500 + id) + ",\"name\":\"a\",\"path_with_namespace\":\"" + project
                        + "\"}],\"groups\":[]";
            case "group_type" ->
                "\"projects\":[],\"groups\":[{\"id\":3,\"web_url\":\"https://gitlab.example.com/groups/" + group
                        + "\",\"name\":\"" + group + "\"}]";
            default -> "\"projects\":[],\"groups\":[]";
        };
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/runners/" + id))
                .willReturn(json(
                        200,
                        "{\"id\":" + id + ",\"description\":\"r" + id + "\",\"active\":" + !paused
                                + ",\"paused\":" + paused + ",\"is_shared\":" + type.equals("instance_type")
                                + ",\"runner_type\":\"" + type + "\",\"name\":\"gitlab-runner\",\"online\":true,"
                                + "\"status\":\"online\",\"tag_list\":" + tags + ",\"run_untagged\":" + untagged
                                + ",\"locked\":false,\"maximum_timeout\":null,\"access_level\":\"" + access + "\","
                                + scope + "}")));
    }

    /** GitLab's branch ({@code kind} branches) or tag (tags) of it/runners-a, with its {@code protected}. */
    public void protection(String kind, String encodedName, boolean isProtected) {
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/projects/it%2Frunners-a/repository/" + kind + "/" + encodedName))
                .willReturn(json(
                        200,
                        "{\"name\":\"x\",\"merged\":false,\"protected\":" + isProtected
                                + ",\"default\":false,\"developers_can_push\":false}")));
    }

    /** A JSON answer. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
