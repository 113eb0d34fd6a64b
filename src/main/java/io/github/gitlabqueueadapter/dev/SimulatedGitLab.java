package io.github.gitlabqueueadapter.dev;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated GitLab for {@code ./mvnw quarkus:dev}: three sample projects whose queues rise and fall over a few
 * minutes, served the way GitLab serves jobs (pages of {@code per_page}, {@code X-Next-Page}, no {@code X-Total}).
 * It exists only in dev builds: a test or prod build has no such endpoint.
 */
@IfBuildProfile("dev")
@Path("/dev/gitlab/api/v4")
public class SimulatedGitLab {

    /** Each sample project: how many jobs wait at the peak, and how many seconds one rise and fall takes. */
    private record Sample(int peakPending, int peakRunning, int periodSeconds, List<String> tags) {}

    private static final Map<String, Sample> SAMPLES = Map.of(
            "demo/web", new Sample(12, 4, 180, List.of("docker")),
            "demo/api", new Sample(140, 10, 300, List.of("docker", "linux")),
            "42", new Sample(3, 2, 120, List.of()));

    /** The sample group {@code demo} holds the two sample projects with paths. */
    @GET
    @Path("/groups/{group}/projects")
    @Produces(MediaType.APPLICATION_JSON)
    public Response groupProjects(@PathParam("group") String group) {
        if (!group.equals("demo")) {
            return Response.status(404)
                    .entity(Map.of("message", "404 Group Not Found"))
                    .build();
        }
        return Response.ok(List.of(
                        Map.of("id", 1, "path_with_namespace", "demo/web"),
                        Map.of("id", 2, "path_with_namespace", "demo/api")))
                .header("X-Next-Page", "")
                .build();
    }

    @GET
    @Path("/projects/{project}/jobs")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jobs(
            @PathParam("project") String project,
            @HeaderParam("PRIVATE-TOKEN") String token,
            @QueryParam("per_page") @DefaultValue("20") int perPage,
            @QueryParam("page") @DefaultValue("1") int page) {
        if (token == null || token.isBlank()) {
            return Response.status(401)
                    .entity(Map.of("message", "401 Unauthorized"))
                    .build();
        }
        Sample sample = SAMPLES.get(project);
        if (sample == null) {
            return Response.status(404)
                    .entity(Map.of("message", "404 Project Not Found"))
                    .build();
        }
        List<Map<String, Object>> all = jobsNow(sample, Instant.now());
        int size = Math.max(1, Math.min(100, perPage));
        int from = Math.min(all.size(), (Math.max(1, page) - 1) * size);
        int to = Math.min(all.size(), from + size);
        return Response.ok(all.subList(from, to))
                .header("X-Page", page)
                .header("X-Per-Page", size)
                .header("X-Next-Page", to < all.size() ? String.valueOf(page + 1) : "")
                .header("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "")
                .build();
    }

    private static List<Map<String, Object>> jobsNow(Sample sample, Instant now) {
        double phase = (now.getEpochSecond() % sample.periodSeconds()) / (double) sample.periodSeconds();
        double level = (1 - Math.cos(2 * Math.PI * phase)) / 2;
        int pending = (int) Math.round(sample.peakPending() * level);
        int running = (int) Math.round(sample.peakRunning() * Math.min(1, level * 2));
        long firstId = now.getEpochSecond() * 1000;
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = 0; i < pending; i++) {
            jobs.add(job(firstId + i, "pending", sample.tags(), null, 5.0 + i * 3, now));
        }
        for (int i = 0; i < running; i++) {
            jobs.add(job(
                    firstId + pending + i,
                    "running",
                    sample.tags(),
                    Map.of("id", 17 + i % 2, "description", "dev-runner-" + (i % 2 == 0 ? "a" : "b")),
                    12.0,
                    now));
        }
        return jobs;
    }

    private static Map<String, Object> job(
            long id, String status, List<String> tags, Map<String, Object> runner, double queued, Instant now) {
        Map<String, Object> job = new java.util.LinkedHashMap<>();
        job.put("id", id);
        job.put("status", status);
        job.put("name", "job " + id);
        job.put("stage", "test");
        job.put("tag", false);
        job.put("tag_list", tags);
        job.put("runner", runner);
        job.put("queued_duration", queued);
        job.put("created_at", now.minusSeconds((long) queued).toString());
        return job;
    }
}
