import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated GitLab on loopback for the benchmarks: answers {@code GET /api/v4/projects/:id/jobs} the way GitLab does
 * (scope[] filter, per_page up to 100, page, X-Page/X-Per-Page/X-Next-Page/X-Prev-Page and Link headers, never
 * X-Total), records every request it receives, and is driven through {@code /_sim/...} control endpoints.
 *
 * <pre>
 * java SimGitLab PORT
 *   POST /_sim/mode?m=up|down|slow|429[&amp;delayMs=4000][&amp;retryAfter=20]   what GitLab does from now on
 *   POST /_sim/jobs?project=P[&amp;status=pending][&amp;tags=a,b]           a new job; answers {"id":..,"atMicros":..}
 *   POST /_sim/pipeline?projects=P,Q&amp;tags=a,b+c                     pending jobs created at one instant in each
 *                                                                     project, one per entry of tags (a job's tags
 *                                                                     joined by +); answers {"atMicros":..,"ids":[[..],[..]]}
 *   POST /_sim/move?project=P&amp;id=J&amp;status=running|success|failed|canceled[&amp;runner=R]
 *                                                                     a job moves on; answers {"id":..,"atMicros":..}
 *   POST /_sim/seed?project=P&amp;pending=N&amp;running=M                      replace a project's jobs
 *   GET  /_sim/truth?min=A&amp;max=B[&amp;tags=a,b]                           pending and running jobs of those projects
 *                                                                     now; with tags: only pending jobs a runner
 *                                                                     with those tags (and run_untagged) takes
 *   GET  /_sim/count?project=P|min=A&amp;max=B[&amp;from=ms][&amp;to=ms]           requests received (all statuses)
 *   GET  /_sim/window?min=A&amp;max=B[&amp;windowMs=60000]                  max requests in any sliding window /
 * calendar minute
 *   GET  /_sim/stats                                                  totals, per mode, per minute
 *   GET  /_sim/hits?project=P|min=A&amp;max=B                             one line per request: epoch ms, project,
 * status (project -3: POST /api/graphql, -4: GET /runners/:id, -5: GET /projects/:id, -1 anything else)
 *   POST /_sim/seed?min=A&amp;max=B                                      projects A..B exist with no jobs at all
 *   GET  /_sim/coverage?min=A&amp;max=B                                  how many of those projects were read (200) once
 *   POST /_sim/runner?id=R&amp;tags=a,b&amp;untagged=true                     an instance runner GitLab knows from now on
 *   GET  /_sim/truth?min=A&amp;max=B&amp;runner=R                             pending jobs that runner takes (Admin's matcher)
 *   GET  /_sim/graphql                                                one line per GraphQL request: ms, runner, page,
 * jobs listed
 * </pre>
 *
 * An administrator's reads (runners, project settings, GraphQL {@code Query.jobs}) are answered by {@link Admin}.
 *
 * Projects are numeric ids. A project never seeded gets a few deterministic jobs ({@code id % 4} pending,
 * {@code id % 3} running). "down" answers 503 (a GitLab behind a load balancer with no backend), "slow" answers
 * after {@code delayMs}, "429" answers GitLab's jobs-endpoint throttle body with {@code Retry-After}.
 */
public class SimGitLab {

    /** A job; {@code startedAt} and {@code runner} are set once it runs (null / 0 before). */
    record Job(long id, String status, List<String> tags, Instant createdAt, Instant startedAt, long runner) {

        Job(long id, String status, List<String> tags, Instant createdAt) {
            this(id, status, tags, createdAt, null, 0);
        }

        Job moved(String newStatus, Instant at, long newRunner) {
            boolean starts = startedAt == null && !newStatus.equals("pending");
            return new Job(id, newStatus, tags, createdAt, starts ? at : startedAt, newRunner > 0 ? newRunner : runner);
        }
    }

    /** One request received: when (epoch ms), for which project (-1 for none), and what was answered. */
    record Hit(long atMillis, long project, int status) {}

    static final Map<Long, List<Job>> PROJECTS = new ConcurrentHashMap<>();
    static final List<Hit> HITS = new ArrayList<>();
    static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);
    /** Each project's first successful read (epoch ms): when every watched project has been read once. */
    static final Map<Long, Long> FIRST_READ = new ConcurrentHashMap<>();

    static volatile String mode = "up";
    static volatile long slowMillis = 4000;
    static volatile int retryAfter = 20;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/api/v4/", SimGitLab::safeApi);
        server.createContext("/api/graphql", SimGitLab::safeApi);
        server.createContext("/_sim/", SimGitLab::safeControl);
        server.start();
        System.out.println("SimGitLab listening on 127.0.0.1:" + port);
    }

    // ---------------------------------------------------------------- GitLab API

    static void safeApi(HttpExchange ex) {
        try {
            api(ex);
        } catch (Exception e) {
            // the adapter gave up on a slow answer and closed the connection: nothing to do
        } finally {
            ex.close();
        }
    }

    static void api(HttpExchange ex) throws Exception {
        long arrived = System.currentTimeMillis();
        String path = ex.getRequestURI().getRawPath();
        Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
        long project = -1;
        String[] parts = path.split("/"); // "", api, v4, projects, :id, jobs
        boolean jobsPath = parts.length == 6 && parts[3].equals("projects") && parts[5].equals("jobs");
        if (jobsPath) {
            try {
                project = Long.parseLong(URLDecoder.decode(parts[4], StandardCharsets.UTF_8));
            } catch (NumberFormatException e) {
                project = -2; // a path: this simulator knows numeric ids only
            }
        }
        String current = mode;
        int status = -1; // -1: the client left before the answer
        if (!jobsPath) {
            project = Admin.kind(parts, ex.getRequestMethod());
        }
        try {
            status = project <= Admin.GRAPHQL && current.equals("up")
                    ? Admin.answer(ex, project, parts)
                    : answer(ex, current, jobsPath, project, query);
        } finally {
            synchronized (HITS) {
                HITS.add(new Hit(arrived, project, status));
            }
            if (status == 200 && project > 0) {
                FIRST_READ.putIfAbsent(project, arrived);
            }
        }
    }

    static int answer(HttpExchange ex, String current, boolean jobsPath, long project, Map<String, List<String>> query)
            throws Exception {
        int status;
        if (!ex.getRequestMethod().equals("GET")) {
            status = send(ex, 405, "{\"message\":\"405 Method Not Allowed\"}");
        } else if (current.equals("down")) {
            status = send(ex, 503, "<html><body><h1>503 Service Unavailable</h1>No server is available.</body></html>");
        } else if (current.equals("429")) {
            ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
            status = send(
                    ex,
                    429,
                    "{\"message\":{\"error\":\"This endpoint has been requested too many times. Try again later.\"}}");
        } else {
            if (current.equals("slow")) {
                Thread.sleep(slowMillis);
            }
            String token = ex.getRequestHeaders().getFirst("PRIVATE-TOKEN");
            if (token == null || token.isBlank()) {
                status = send(ex, 401, "{\"message\":\"401 Unauthorized\"}");
            } else if (!jobsPath || project == -2) {
                status = send(ex, 404, "{\"message\":\"404 Not found\"}");
            } else {
                status = jobs(ex, project, query);
            }
        }
        return status;
    }

    static int jobs(HttpExchange ex, long project, Map<String, List<String>> query) throws IOException {
        List<String> scopes = query.getOrDefault("scope[]", List.of());
        int perPage = clamp(intParam(query, "per_page", 20), 1, 100);
        int page = Math.max(1, intParam(query, "page", 1));
        List<Job> all = new ArrayList<>();
        for (Job job : snapshot(project)) { // a copy: control requests add and move jobs meanwhile
            if (scopes.isEmpty() || scopes.contains(job.status())) {
                all.add(job);
            }
        }
        all.sort((a, b) -> Long.compare(b.id(), a.id())); // GitLab: newest first
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        StringBuilder body = new StringBuilder(512 * (to - from) + 2).append('[');
        Instant now = Instant.now();
        for (int i = from; i < to; i++) {
            if (i > from) {
                body.append(',');
            }
            jobJson(body, project, all.get(i), now);
        }
        body.append(']');
        boolean more = to < all.size();
        var h = ex.getResponseHeaders();
        String base = "http://" + ex.getRequestHeaders().getFirst("Host")
                + ex.getRequestURI().getRawPath() + "?" + scopeQuery(scopes) + "per_page=" + perPage + "&page=";
        h.add("X-Page", String.valueOf(page));
        h.add("X-Per-Page", String.valueOf(perPage));
        h.add("X-Next-Page", more ? String.valueOf(page + 1) : "");
        h.add("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        if (more) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
        }
        links.add("<" + base + "1>; rel=\"first\"");
        h.add("Link", String.join(", ", links));
        h.add("Cache-Control", "max-age=0, private, must-revalidate");
        return send(ex, 200, body.toString());
    }

    static String scopeQuery(List<String> scopes) {
        StringBuilder q = new StringBuilder();
        for (String s : scopes) {
            q.append("scope%5B%5D=").append(s).append('&');
        }
        return q.toString();
    }

    static List<Job> jobsOf(long project) {
        return PROJECTS.computeIfAbsent(project, p -> {
            List<Job> jobs = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < p % 4; i++) {
                jobs.add(new Job(
                        NEXT_ID.incrementAndGet(),
                        "pending",
                        i % 2 == 0 ? List.of("docker") : List.of(),
                        now.minusSeconds(30 + i)));
            }
            for (int i = 0; i < p % 3; i++) {
                jobs.add(new Job(
                        NEXT_ID.incrementAndGet(), "running", List.of("docker", "linux"), now.minusSeconds(300 + i)));
            }
            return java.util.Collections.synchronizedList(jobs);
        });
    }

    static List<Job> snapshot(long project) {
        List<Job> jobs = jobsOf(project);
        synchronized (jobs) {
            return new ArrayList<>(jobs);
        }
    }

    /** A job the way GitLab's jobs API writes it (the usual fields, with a realistic size). */
    static void jobJson(StringBuilder b, long project, Job j, Instant now) {
        boolean pending = j.status().equals("pending");
        double queued = Math.max(0, (now.toEpochMilli() - j.createdAt().toEpochMilli()) / 1000.0);
        String created = j.createdAt().truncatedTo(ChronoUnit.MILLIS).toString();
        String started = j.startedAt() == null
                ? created
                : j.startedAt().truncatedTo(ChronoUnit.MILLIS).toString();
        double waited = j.startedAt() == null
                ? 1.5
                : (j.startedAt().toEpochMilli() - j.createdAt().toEpochMilli()) / 1000.0;
        long pipeline = 500_000 + j.id() / 10;
        b.append("{\"id\":")
                .append(j.id())
                .append(",\"status\":\"")
                .append(j.status())
                .append('"')
                .append(",\"stage\":\"test\",\"name\":\"unit-")
                .append(j.id() % 7)
                .append("\",\"ref\":\"main\",\"tag\":false,\"coverage\":null,\"allow_failure\":false")
                .append(",\"created_at\":\"")
                .append(created)
                .append('"')
                .append(",\"started_at\":")
                .append(pending ? "null" : "\"" + started + "\"")
                .append(",\"finished_at\":null,\"erased_at\":null,\"duration\":")
                .append(pending ? "null" : "12.5")
                .append(",\"queued_duration\":")
                .append(String.format(java.util.Locale.ROOT, "%.3f", pending ? queued : waited))
                .append(",\"user\":{\"id\":7,\"username\":\"bench\",\"name\":\"Bench User\",\"state\":\"active\",")
                .append("\"locked\":false,\"avatar_url\":null,\"web_url\":\"http://gitlab.example/bench\"}")
                .append(",\"commit\":{\"id\":\"2b8d0f5e1c3a4b6d8e9f0a1b2c3d4e5f60718293\",\"short_id\":\"2b8d0f5e\",")
                .append("\"title\":\"Bench commit\",\"author_name\":\"Bench User\","
                        + "\"author_email\":\"bench@example.com\"}")
                .append(",\"pipeline\":{\"id\":")
                .append(pipeline)
                .append(",\"iid\":")
                .append(pipeline % 1000)
                .append(",\"project_id\":")
                .append(project)
                .append(",\"sha\":\"2b8d0f5e1c3a4b6d8e9f0a1b2c3d4e5f60718293\"")
                .append(",\"ref\":\"main\",\"status\":\"running\",\"source\":\"push\"}")
                .append(",\"web_url\":\"http://gitlab.example/bench/p")
                .append(project)
                .append("/-/jobs/")
                .append(j.id())
                .append("\",\"project\":{\"ci_job_token_scope_enabled\":false},\"artifacts\":[]")
                .append(",\"runner\":");
        if (pending) {
            b.append("null,\"runner_manager\":null");
        } else {
            b.append("{\"id\":")
                    .append(j.runner() > 0 ? j.runner() : 17)
                    .append(",\"description\":\"bench-runner\",\"ip_address\":null,\"active\":true,"
                            + "\"paused\":false,")
                    .append("\"is_shared\":false,\"runner_type\":\"project_type\",\"name\":\"gitlab-runner\",")
                    .append("\"online\":true,\"status\":\"online\"},\"runner_manager\":null");
        }
        b.append(",\"artifacts_expire_at\":null,\"archived\":false,\"tag_list\":[");
        for (int i = 0; i < j.tags().size(); i++) {
            b.append(i > 0 ? "," : "").append('"').append(j.tags().get(i)).append('"');
        }
        b.append("]}");
    }

    // ---------------------------------------------------------------- control

    static void safeControl(HttpExchange ex) {
        try {
            control(ex);
        } catch (Exception e) {
            try {
                send(ex, 400, "{\"error\":\"" + e.toString().replace('"', '\'') + "\"}");
            } catch (IOException ignored) {
                // gone
            }
        } finally {
            ex.close();
        }
    }

    static void control(HttpExchange ex) throws IOException {
        String what = ex.getRequestURI().getPath().substring("/_sim/".length());
        Map<String, List<String>> q = query(ex.getRequestURI().getRawQuery());
        switch (what) {
            case "mode" -> {
                mode = param(q, "m", "up");
                slowMillis = intParam(q, "delayMs", (int) slowMillis);
                retryAfter = intParam(q, "retryAfter", retryAfter);
                send(ex, 200, "{\"mode\":\"" + mode + "\"}");
            }
            case "jobs" -> {
                long project = Long.parseLong(param(q, "project", "1"));
                String tags = param(q, "tags", "");
                List<String> tagList = tags.isEmpty() ? List.of() : List.of(tags.split(","));
                Instant at = Instant.now();
                Job job = new Job(NEXT_ID.incrementAndGet(), param(q, "status", "pending"), tagList, at);
                jobsOf(project).add(job);
                long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
                send(
                        ex,
                        200,
                        "{\"id\":" + job.id() + ",\"atMicros\":" + micros + ",\"pending\":" + count(project, "pending")
                                + "}");
            }
            case "pipeline" -> {
                // jobs created together, as GitLab creates a pipeline's jobs: the same jobs in each project given
                List<Long> projects = new ArrayList<>();
                for (String id : param(q, "projects", "1").split(",")) {
                    projects.add(Long.parseLong(id.strip()));
                }
                String[] jobTags = param(q, "tags", "").split(",", -1);
                Instant at = Instant.now();
                StringBuilder ids = new StringBuilder("[");
                for (int p = 0; p < projects.size(); p++) {
                    List<Job> jobs = jobsOf(projects.get(p));
                    ids.append(p > 0 ? ",[" : "[");
                    synchronized (jobs) {
                        for (int i = 0; i < jobTags.length; i++) {
                            List<String> tagList = jobTags[i].isEmpty() ? List.of() : List.of(jobTags[i].split("\\+"));
                            Job job = new Job(NEXT_ID.incrementAndGet(), "pending", tagList, at);
                            jobs.add(job);
                            ids.append(i > 0 ? "," : "").append(job.id());
                        }
                    }
                    ids.append(']');
                }
                long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
                send(ex, 200, "{\"atMicros\":" + micros + ",\"ids\":" + ids + "]}");
            }
            case "move" -> {
                long project = Long.parseLong(param(q, "project", "1"));
                long id = Long.parseLong(param(q, "id", "0"));
                String status = param(q, "status", "running");
                long runner = Long.parseLong(param(q, "runner", "0"));
                Instant at = Instant.now();
                List<Job> jobs = jobsOf(project);
                boolean found = false;
                synchronized (jobs) {
                    for (int i = 0; i < jobs.size(); i++) {
                        if (jobs.get(i).id() == id) {
                            jobs.set(i, jobs.get(i).moved(status, at, runner));
                            found = true;
                            break;
                        }
                    }
                }
                long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
                if (found) {
                    send(ex, 200, "{\"id\":" + id + ",\"atMicros\":" + micros + ",\"status\":\"" + status + "\"}");
                } else {
                    send(ex, 404, "{\"error\":\"no job " + id + " in project " + project + "\"}");
                }
            }
            case "truth" -> {
                long min = Long.parseLong(param(q, "min", param(q, "project", "1")));
                long max = Long.parseLong(param(q, "max", param(q, "project", "1")));
                String tags = param(q, "tags", "");
                List<String> runnerTags = tags.isEmpty() ? null : List.of(tags.split(","));
                Admin.Runner runner = Admin.RUNNERS.get(Long.parseLong(param(q, "runner", "0")));
                if (runner != null) {
                    send(
                            ex,
                            200,
                            "{\"pending\":" + Admin.taken(runner, min, max).size() + "}");
                    return;
                }
                long pending = 0;
                long running = 0;
                for (var e : PROJECTS.entrySet()) {
                    if (e.getKey() < min || e.getKey() > max) {
                        continue;
                    }
                    for (Job j : snapshot(e.getKey())) {
                        if (j.status().equals("pending") && (runnerTags == null || runnerTags.containsAll(j.tags()))) {
                            pending++;
                        } else if (j.status().equals("running")) {
                            running++;
                        }
                    }
                }
                send(ex, 200, "{\"pending\":" + pending + ",\"running\":" + running + "}");
            }
            case "seed" -> {
                if (q.containsKey("min")) { // a range of projects with no jobs at all
                    long min = Long.parseLong(param(q, "min", "1"));
                    long max = Long.parseLong(param(q, "max", "1"));
                    for (long p = min; p <= max; p++) {
                        PROJECTS.put(p, java.util.Collections.synchronizedList(new ArrayList<>()));
                    }
                    send(ex, 200, "{\"projects\":" + (max - min + 1) + "}");
                    return;
                }
                long project = Long.parseLong(param(q, "project", "1"));
                List<Job> jobs = java.util.Collections.synchronizedList(new ArrayList<>());
                Instant now = Instant.now();
                for (int i = 0; i < intParam(q, "pending", 0); i++) {
                    jobs.add(new Job(
                            NEXT_ID.incrementAndGet(),
                            "pending",
                            i % 3 == 0 ? List.of() : List.of("docker"),
                            now.minusSeconds(i)));
                }
                for (int i = 0; i < intParam(q, "running", 0); i++) {
                    jobs.add(new Job(
                            NEXT_ID.incrementAndGet(), "running", List.of("docker"), now.minusSeconds(100 + i)));
                }
                PROJECTS.put(project, jobs);
                send(ex, 200, "{\"project\":" + project + ",\"jobs\":" + jobs.size() + "}");
            }
            case "coverage" -> {
                long min = Long.parseLong(param(q, "min", "1"));
                long max = Long.parseLong(param(q, "max", "1"));
                long read = 0;
                long last = 0;
                for (var e : FIRST_READ.entrySet()) {
                    if (e.getKey() >= min && e.getKey() <= max) {
                        read++;
                        last = Math.max(last, e.getValue());
                    }
                }
                send(ex, 200, "{\"read\":" + read + ",\"lastFirstReadMs\":" + last + "}");
            }
            case "runner" -> send(ex, 200, Admin.register(q));
            case "graphql" -> send(ex, 200, Admin.log());
            case "count" -> {
                List<Hit> hits = select(q);
                send(ex, 200, "{\"count\":" + hits.size() + "}");
            }
            case "window" -> send(ex, 200, window(select(q), intParam(q, "windowMs", 60_000)));
            case "stats" -> send(ex, 200, stats());
            case "hits" -> {
                StringBuilder t = new StringBuilder();
                for (Hit h : select(q)) {
                    t.append(h.atMillis())
                            .append(' ')
                            .append(h.project())
                            .append(' ')
                            .append(h.status())
                            .append('\n');
                }
                send(ex, 200, t.toString());
            }
            default -> send(ex, 404, "{\"error\":\"unknown control " + what + "\"}");
        }
    }

    static long count(long project, String status) {
        return snapshot(project).stream().filter(j -> j.status().equals(status)).count();
    }

    static List<Hit> select(Map<String, List<String>> q) {
        long from = Long.parseLong(param(q, "from", "0"));
        long to = Long.parseLong(param(q, "to", String.valueOf(Long.MAX_VALUE)));
        long min = Long.parseLong(param(q, "min", param(q, "project", String.valueOf(Long.MIN_VALUE))));
        long max = Long.parseLong(param(q, "max", param(q, "project", String.valueOf(Long.MAX_VALUE))));
        List<Hit> out = new ArrayList<>();
        synchronized (HITS) {
            for (Hit h : HITS) {
                if (h.atMillis() >= from && h.atMillis() <= to && h.project() >= min && h.project() <= max) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    /** The largest number of requests in any window of {@code windowMs} (sliding), and in any calendar minute. */
    static String window(List<Hit> hits, long windowMs) {
        hits = new ArrayList<>(hits);
        hits.sort(java.util.Comparator.comparingLong(Hit::atMillis));
        int maxSliding = 0;
        int start = 0;
        for (int end = 0; end < hits.size(); end++) {
            while (hits.get(end).atMillis() - hits.get(start).atMillis() >= windowMs) {
                start++;
            }
            maxSliding = Math.max(maxSliding, end - start + 1);
        }
        Map<Long, Integer> perMinute = new LinkedHashMap<>();
        for (Hit h : hits) {
            perMinute.merge(h.atMillis() / 60_000, 1, Integer::sum);
        }
        int maxMinute =
                perMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long minGap = Long.MAX_VALUE;
        for (int i = 1; i < hits.size(); i++) {
            minGap = Math.min(minGap, hits.get(i).atMillis() - hits.get(i - 1).atMillis());
        }
        long first = hits.isEmpty() ? 0 : hits.get(0).atMillis();
        long last = hits.isEmpty() ? 0 : hits.get(hits.size() - 1).atMillis();
        return "{\"count\":" + hits.size() + ",\"maxSliding\":" + maxSliding + ",\"maxCalendarMinute\":" + maxMinute
                + ",\"minGapMs\":" + (hits.size() < 2 ? -1 : minGap) + ",\"firstMs\":" + first + ",\"lastMs\":" + last
                + ",\"perCalendarMinute\":" + perMinute.values() + "}";
    }

    static String stats() {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        Map<Long, Integer> perMinute = new LinkedHashMap<>();
        int total;
        synchronized (HITS) {
            total = HITS.size();
            for (Hit h : HITS) {
                byStatus.merge(String.valueOf(h.status()), 1, Integer::sum);
                perMinute.merge(h.atMillis() / 60_000, 1, Integer::sum);
            }
        }
        StringBuilder s = new StringBuilder("{\"mode\":\"" + mode + "\",\"total\":" + total + ",\"byStatus\":{");
        int i = 0;
        for (var e : byStatus.entrySet()) {
            s.append(i++ > 0 ? "," : "")
                    .append('"')
                    .append(e.getKey())
                    .append("\":")
                    .append(e.getValue());
        }
        s.append("},\"perCalendarMinute\":")
                .append(perMinute.values())
                .append(",\"projects\":")
                .append(PROJECTS.size())
                .append('}');
        return s.toString();
    }

    // ---------------------------------------------------------------- an administrator's reads

    /**
     * What an adapter with {@code gitlab.instance-count=graphql} reads beside the jobs: {@code GET /runners/:id},
     * {@code GET /projects/:id} (a pool's project settings) and {@code POST /api/graphql}'s
     * {@code Query.jobs(statuses: [PENDING], compatibleRunnerId:, first: 100, after:)}, in GitLab's shapes (those of
     * src/test's support/GitLabRunnerStubs and support/GitLabGraphQl). The matcher is deliberately simple: every runner
     * is an instance runner (not paused, {@code not_protected}), every project has shared runners enabled and no ref
     * is protected, so a runner takes a pending job when {@code (run_untagged || job has tags) && job.tags ⊆
     * runner.tags}. Newest job first, at most 100 a page; the cursor holds the page's last job id, so a list that
     * moves between pages never skips a job that still waits.
     */
    static final class Admin {
        static final long GRAPHQL = -3;
        static final long RUNNER = -4;
        static final long SETTINGS = -5;
        static final int PER_PAGE = 100;

        record Runner(long id, List<String> tags, boolean untagged) {
            boolean takes(Job j) {
                return j.status().equals("pending") && (untagged || !j.tags().isEmpty()) && tags.containsAll(j.tags());
            }
        }

        /** A pending job a runner takes, and its project. */
        record Taken(long project, Job job) {}

        /** One GraphQL request answered: when, about which runner, which page (1 first), how many jobs listed. */
        record Asked(long atMillis, long runner, int page, int nodes) {}

        static final Map<Long, Runner> RUNNERS = new ConcurrentHashMap<>();
        static final List<Asked> ASKED = new ArrayList<>();
        static final java.util.regex.Pattern RUNNER_VAR =
                java.util.regex.Pattern.compile("\"runner\"\\s*:\\s*\"gid://gitlab/Ci::Runner/([0-9]+)\"");
        static final java.util.regex.Pattern AFTER_VAR =
                java.util.regex.Pattern.compile("\"after\"\\s*:\\s*\"([^\"]+)\"");

        /** Which of these reads a path is ("", api, graphql | "", api, v4, runners|projects, :id); -1 none. */
        static long kind(String[] parts, String method) {
            if (parts.length == 3 && parts[2].equals("graphql") && method.equals("POST")) {
                return GRAPHQL;
            }
            if (parts.length == 5 && method.equals("GET") && parts[3].equals("runners")) {
                return RUNNER;
            }
            if (parts.length == 5 && method.equals("GET") && parts[3].equals("projects")) {
                return SETTINGS;
            }
            return -1;
        }

        static int answer(HttpExchange ex, long kind, String[] parts) throws IOException {
            String token = ex.getRequestHeaders().getFirst("PRIVATE-TOKEN");
            if (token == null || token.isBlank()) {
                return send(ex, 401, "{\"message\":\"401 Unauthorized\"}");
            }
            if (kind == GRAPHQL) {
                return graphql(ex);
            }
            long id;
            try {
                id = Long.parseLong(parts[4]);
            } catch (NumberFormatException e) {
                return send(ex, 404, "{\"message\":\"404 Not found\"}");
            }
            if (kind == RUNNER) {
                Runner r = RUNNERS.get(id);
                return r == null
                        ? send(ex, 404, "{\"message\":\"404 Runner Not Found\"}")
                        : send(ex, 200, runnerJson(r));
            }
            return send(
                    ex,
                    200,
                    "{\"id\":" + id + ",\"name\":\"p" + id + "\",\"path_with_namespace\":\"bench/p" + id + "\","
                            + "\"namespace\":{\"id\":3,\"full_path\":\"bench\",\"kind\":\"group\"},"
                            + "\"shared_runners_enabled\":true,\"group_runners_enabled\":true}");
        }

        static String runnerJson(Runner r) {
            return "{\"id\":" + r.id() + ",\"description\":\"r" + r.id() + "\",\"active\":true,\"paused\":false,"
                    + "\"is_shared\":true,\"runner_type\":\"instance_type\",\"name\":\"gitlab-runner\","
                    + "\"online\":true,\"status\":\"online\",\"tag_list\":" + strings(r.tags()) + ",\"run_untagged\":"
                    + r.untagged() + ",\"locked\":false,\"maximum_timeout\":null,\"access_level\":\"not_protected\","
                    + "\"projects\":[],\"groups\":[]}";
        }

        static int graphql(HttpExchange ex) throws IOException {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var runnerVar = RUNNER_VAR.matcher(body);
            if (!body.contains("compatibleRunnerId") || !runnerVar.find()) {
                return send(ex, 200, "{\"errors\":[{\"message\":\"this simulator answers Query.jobs only\"}]}");
            }
            long id = Long.parseLong(runnerVar.group(1));
            Runner runner = RUNNERS.get(id);
            var afterVar = AFTER_VAR.matcher(body);
            long before = Long.MAX_VALUE;
            int page = 1;
            if (afterVar.find()) {
                String cursor =
                        new String(java.util.Base64.getDecoder().decode(afterVar.group(1)), StandardCharsets.UTF_8);
                String[] c = cursor.split(":"); // last job id : page
                before = Long.parseLong(c[0]);
                page = Integer.parseInt(c[1]) + 1;
            }
            List<Taken> taken = new ArrayList<>();
            if (runner != null) {
                for (Taken t : taken(runner, Long.MIN_VALUE, Long.MAX_VALUE)) {
                    if (t.job().id() < before) {
                        taken.add(t);
                    }
                }
            }
            taken.sort((a, b) -> Long.compare(b.job().id(), a.job().id()));
            List<Taken> nodes = taken.subList(0, Math.min(PER_PAGE, taken.size()));
            boolean more = taken.size() > nodes.size();
            String end = nodes.isEmpty()
                    ? "null"
                    : "\""
                            + java.util.Base64.getEncoder()
                                    .encodeToString(
                                            (nodes.get(nodes.size() - 1).job().id() + ":" + page)
                                                    .getBytes(StandardCharsets.UTF_8))
                            + "\"";
            StringBuilder b = new StringBuilder(256 * nodes.size() + 200).append("{\"data\":{\"runner\":");
            b.append(runner == null ? "null" : "{\"id\":\"gid://gitlab/Ci::Runner/" + id + "\"}");
            b.append(",\"jobs\":{\"pageInfo\":{\"hasNextPage\":").append(more).append(",\"endCursor\":");
            b.append(more ? end : "null").append("},\"nodes\":[");
            Instant now = Instant.now();
            for (int i = 0; i < nodes.size(); i++) {
                Taken t = nodes.get(i);
                double queued = ChronoUnit.MILLIS.between(t.job().createdAt(), now) / 1000.0;
                b.append(i > 0 ? "," : "")
                        .append("{\"id\":\"gid://gitlab/Ci::Build/")
                        .append(t.job().id())
                        .append("\",\"status\":\"PENDING\",\"tags\":")
                        .append(strings(t.job().tags()))
                        .append(",\"queuedDuration\":")
                        .append(String.format(java.util.Locale.ROOT, "%.3f", queued))
                        .append(",\"project\":{\"id\":\"gid://gitlab/Project/")
                        .append(t.project())
                        .append("\",\"fullPath\":\"bench/p")
                        .append(t.project())
                        .append("\"}}");
            }
            b.append("]}}}");
            synchronized (ASKED) {
                ASKED.add(new Asked(System.currentTimeMillis(), id, page, nodes.size()));
            }
            return send(ex, 200, b.toString());
        }

        /** The pending jobs of projects min..max that {@code runner} takes, by this simulator's simple matcher. */
        static List<Taken> taken(Runner runner, long min, long max) {
            List<Taken> out = new ArrayList<>();
            for (var e : PROJECTS.entrySet()) {
                if (e.getKey() >= min && e.getKey() <= max) {
                    for (Job j : snapshot(e.getKey())) {
                        if (runner.takes(j)) {
                            out.add(new Taken(e.getKey(), j));
                        }
                    }
                }
            }
            return out;
        }

        /** {@code /_sim/runner?id=R&tags=a,b&untagged=true}: GitLab knows this (instance) runner from now on. */
        static String register(Map<String, List<String>> q) {
            long id = Long.parseLong(param(q, "id", "1"));
            String tags = param(q, "tags", "");
            Runner r = new Runner(
                    id,
                    tags.isEmpty() ? List.of() : List.of(tags.split(",")),
                    Boolean.parseBoolean(param(q, "untagged", "false")));
            RUNNERS.put(id, r);
            return runnerJson(r);
        }

        /** {@code /_sim/graphql}: one line per GraphQL request: epoch ms, runner, page (1 first), jobs listed. */
        static String log() {
            StringBuilder t = new StringBuilder();
            synchronized (ASKED) {
                for (Asked a : ASKED) {
                    t.append(a.atMillis())
                            .append(' ')
                            .append(a.runner())
                            .append(' ')
                            .append(a.page())
                            .append(' ')
                            .append(a.nodes())
                            .append('\n');
                }
            }
            return t.toString();
        }

        static String strings(List<String> values) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                b.append(i > 0 ? "," : "").append('"').append(values.get(i)).append('"');
            }
            return b.append(']').toString();
        }
    }

    // ---------------------------------------------------------------- helpers

    static int send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (ex.getResponseHeaders().getFirst("Content-Type") == null) {
            ex.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    static String param(Map<String, List<String>> q, String name, String dflt) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? dflt : v.get(0);
    }

    static int intParam(Map<String, List<String>> q, String name, int dflt) {
        try {
            return Integer.parseInt(param(q, name, String.valueOf(dflt)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
