import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/scale.sh's load and its sampler: projects 1..N of bench/SimGitLab watched by one adapter.
 *
 * <p>The load: a share of the projects ({@code active}) gets pipelines, one every {@code gapS} seconds on average
 * (exponential gaps; the first within one gap), of 1 to 4 jobs tagged {@code docker}, {@code linux},
 * {@code docker+linux} or none; each job waits 2-40 s, runs 20-150 s and succeeds. The others stay quiet (no jobs).
 * Projects in the events share (chosen by a hash of the id, independently of being active) get a GitLab Job Hook
 * (BenchClient.jobHook: the documented shape, no job tags) for every change of their jobs, sent as the simulator has
 * made it.
 *
 * <p>The sampler: every 3 s, 25 projects drawn from all N and 10 from those fed by events read at the adapter
 * ({@code /queues/projects/P}), status, {@code ageSeconds}, {@code stale}, {@code source} kept; for an event-fed
 * project the simulator's truth is read just before and just after, and an answer that equals neither is a
 * difference. Pools named by {@code pools} (name=runner, with {@code gitlab.instance-count=graphql}) are read each
 * round and compared with the simulator's matcher the same way.
 *
 * <p>At the end: GitLab's reads per project from /_sim/hits (intervals between reads, after every project was read
 * once), requests per minute, and the GraphQL requests per poll interval. Prints {@code RESULT key=value} lines.
 *
 * <pre>
 * java ScaleLoad ADAPTER SIM N EVENTS_SHARE ACTIVE_SHARE SECONDS SECRET SEED GAP_S POOLS|- POLL_S SAMPLES_FILE
 * </pre>
 */
public class ScaleLoad {

    static final String[] TAGS = {"docker", "linux", "docker+linux", ""};
    static final Pattern NUM = Pattern.compile("\"(ageSeconds|pending|running)\"\\s*:\\s*(-?[0-9.]+)");

    static String adapter;
    static String sim;
    static int n;
    static double eventsShare;
    static double activeShare;
    static long seed;
    static String secret;
    static final AtomicBoolean FROZEN = new AtomicBoolean();
    /** Projects that have been sent at least one Job Hook answered 2xx: fed by events from then on. */
    static final Set<Long> EVENTED = ConcurrentHashMap.newKeySet();
    /**
     * Job changes under way per project of the events share: counted before the simulator makes the change, until
     * the adapter has answered its Job Hook. A difference seen meanwhile may be one of them.
     */
    static final Map<Long, AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();

    static final Map<String, AtomicInteger> HOOKS = new ConcurrentHashMap<>();
    static final AtomicInteger PIPELINES = new AtomicInteger();
    static final AtomicInteger JOBS = new AtomicInteger();
    static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] a) throws Exception {
        adapter = a[0];
        sim = a[1];
        n = Integer.parseInt(a[2]);
        eventsShare = Double.parseDouble(a[3]);
        activeShare = Double.parseDouble(a[4]);
        int seconds = Integer.parseInt(a[5]);
        secret = a[6];
        seed = Long.parseLong(a[7]);
        double gapS = Double.parseDouble(a[8]);
        Map<String, Long> pools = pools(a[9]);
        double pollS = Double.parseDouble(a[10]);
        Path samplesFile = Path.of(a[11]);

        long t0 = System.currentTimeMillis();
        ScheduledExecutorService exec = Executors.newScheduledThreadPool(4);
        int active = 0;
        int fedShare = 0;
        for (long p = 1; p <= n; p++) {
            fedShare += eventFed(p) ? 1 : 0;
            if (active(p)) {
                active++;
                long project = p;
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
                schedule(exec, (long) (r.nextDouble() * gapS * 1000), () -> pipeline(exec, project, r, gapS));
            }
        }
        out("projects", n);
        out("active_projects", active);
        out("events_share_projects", fedShare);

        Sampler sampler = new Sampler(pools);
        long end = t0 + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            long round = System.currentTimeMillis();
            sampler.round();
            BenchClient.sleepUntil(round + 3000);
        }
        FROZEN.set(true);
        exec.shutdownNow();
        long tEnd = System.currentTimeMillis();
        if (!pools.isEmpty()) { // the load stopped: after two intervals every pool must say the simulator's count
            BenchClient.sleepUntil(tEnd + (long) (2 * pollS * 1000) + 5000);
            sampler.finalPools();
        }
        Files.write(samplesFile, sampler.lines);

        out("pipelines", PIPELINES.get());
        out("jobs", JOBS.get());
        out("hooks", new TreeMap<>(HOOKS));
        out("evented_projects", EVENTED.size());
        sampler.report();
        reads(sampler.fullMs, tEnd);
        budget(t0, tEnd, Math.max(sampler.fullMs, sampler.allCountedMs), pollS, !pools.isEmpty());
        out(
                "all_pools_counted_s",
                sampler.allCountedMs == 0 ? "never" : String.valueOf((sampler.allCountedMs - t0) / 1000));
        out("failures", FAILURES.size());
        for (String f : FAILURES.subList(0, Math.min(5, FAILURES.size()))) {
            System.out.println("FAILURE " + f);
        }
    }

    // ------------------------------------------------------------------ which project is which

    static double frac(long p, long salt) {
        return new SplittableRandom(seed * 7919L + p * 104_729L + salt).nextDouble();
    }

    static boolean eventFed(long p) {
        return frac(p, 1) < eventsShare;
    }

    static boolean active(long p) {
        return frac(p, 2) < activeShare;
    }

    // ------------------------------------------------------------------ the load

    static void schedule(ScheduledExecutorService exec, long delayMs, Runnable step) {
        if (FROZEN.get()) {
            return;
        }
        try {
            exec.schedule(
                    () -> {
                        if (FROZEN.get()) {
                            return;
                        }
                        try {
                            step.run();
                        } catch (RuntimeException e) {
                            if (!FROZEN.get()) {
                                FAILURES.add(e.toString());
                            }
                        }
                    },
                    delayMs,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the run is over
        }
    }

    /** A pipeline arrives in {@code project}: its jobs are created pending, then each starts and finishes. */
    static void pipeline(ScheduledExecutorService exec, long project, SplittableRandom r, double gapS) {
        int k = 1 + r.nextInt(4);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            tags.add(TAGS[r.nextInt(TAGS.length)]);
        }
        changing(project, k);
        String added = call(sim + "/_sim/pipeline?projects=" + project + "&tags="
                + URLEncoder.encode(String.join(",", tags), StandardCharsets.UTF_8));
        long micros = BenchClient.number(added, "atMicros");
        Instant created = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        Matcher m = Pattern.compile("\\[\\[([0-9,]+)\\]\\]").matcher(added);
        if (!m.find()) {
            throw new IllegalStateException("the simulator answered " + added);
        }
        List<Long> ids = BenchClient.ids(m.group(1));
        long pipelineId = 800_000 + PIPELINES.incrementAndGet();
        JOBS.addAndGet(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Job job = new Job(project, pipelineId, ids.get(i), tags.get(i), created);
            hook(job, "pending", null, null);
            schedule(exec, 2000 + r.nextInt(38_000), () -> start(exec, job, r));
        }
        double next = -Math.log(1 - r.nextDouble()) * gapS; // exponential gaps: arrivals of a Poisson process
        schedule(exec, (long) (next * 1000), () -> pipeline(exec, project, r, gapS));
    }

    record Job(long project, long pipeline, long id, String tag, Instant created) {
        List<String> tags() {
            return tag.isEmpty() ? List.of() : List.of(tag.split("\\+"));
        }
    }

    static void start(ScheduledExecutorService exec, Job job, SplittableRandom r) {
        changing(job.project(), 1);
        String moved =
                call(sim + "/_sim/move?project=" + job.project() + "&id=" + job.id() + "&status=running&runner=17");
        Instant started = at(moved);
        hook(job, "running", started, null);
        schedule(exec, 20_000 + r.nextInt(130_000), () -> {
            changing(job.project(), 1);
            String done = call(sim + "/_sim/move?project=" + job.project() + "&id=" + job.id() + "&status=success");
            hook(job, "success", started, at(done));
        });
    }

    /** {@code changes} job changes of {@code project} begin: their Job Hooks will count them down when answered. */
    static void changing(long project, int changes) {
        if (eventFed(project)) {
            IN_FLIGHT.computeIfAbsent(project, k -> new AtomicInteger()).addAndGet(changes);
        }
    }

    static Instant at(String moved) {
        long micros = BenchClient.number(moved, "atMicros");
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }

    /** A Job Hook for this change, when the project is in the events share; sent as GitLab's Sidekiq would. */
    static void hook(Job job, String status, Instant started, Instant finished) {
        if (!eventFed(job.project())) {
            return;
        }
        double queued = ((started != null ? started : Instant.now()).toEpochMilli()
                        - job.created().toEpochMilli())
                / 1000.0;
        String body = BenchClient.jobHook(
                job.id(),
                status,
                "job-" + job.id(),
                job.project(),
                job.pipeline(),
                job.created(),
                started,
                finished,
                Math.max(0, queued),
                started != null ? 17 : 0,
                job.tags(),
                null);
        AtomicInteger inFlight = IN_FLIGHT.get(job.project()); // counted up by changing()
        BenchClient.HTTP
                .sendAsync(BenchClient.hookRequest(adapter, secret, body), HttpResponse.BodyHandlers.discarding())
                .handle((resp, e) -> {
                    inFlight.decrementAndGet();
                    String key = e != null ? "error" : String.valueOf(resp.statusCode());
                    HOOKS.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
                    if (e == null && resp.statusCode() / 100 == 2) {
                        EVENTED.add(job.project());
                    }
                    return null;
                });
    }

    static String call(String url) {
        try {
            HttpResponse<String> r = BenchClient.HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String get(String url) throws Exception {
        return BenchClient.HTTP
                .send(BenchClient.get(url), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    // ------------------------------------------------------------------ the sampler

    static final class Sampler {
        final Map<String, Long> pools;
        final List<String> lines = new ArrayList<>();
        long fullMs;
        long allCountedMs; // the first round in which every pool said countedBy gitlab-graphql
        int s500;
        int badAnswers;
        int before503;
        int readBefore503; // 503 for a project that had been read: not "not polled yet"
        final Map<String, List<Double>> ages = new HashMap<>();
        final Map<String, int[]> counts = new HashMap<>(); // class -> {200, 503, stale, differ, compared, in flight}
        final Map<String, int[]> poolCounts = new HashMap<>(); // pool -> {reads, 200, graphql, differ, compared}
        final Map<String, String> poolFinal = new TreeMap<>();

        Sampler(Map<String, Long> pools) {
            this.pools = pools;
        }

        void round() throws Exception {
            long now = System.currentTimeMillis();
            if (fullMs == 0) {
                String cov = get(sim + "/_sim/coverage?min=1&max=" + n);
                if (BenchClient.number(cov, "read") >= n) {
                    fullMs = BenchClient.number(cov, "lastFirstReadMs");
                    lines.add("# every project read once at " + fullMs);
                }
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            List<Long> picks = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                picks.add(1 + r.nextLong(n));
            }
            List<Long> evented = new ArrayList<>(EVENTED);
            for (int i = 0; i < 10 && !evented.isEmpty(); i++) {
                picks.add(evented.get(r.nextInt(evented.size())));
            }
            for (long p : picks) {
                sample(p, now);
            }
            int counted = 0;
            for (var pool : pools.entrySet()) {
                counted += samplePool(pool.getKey(), pool.getValue(), false) ? 1 : 0;
            }
            if (allCountedMs == 0 && !pools.isEmpty() && counted == pools.size()) {
                allCountedMs = now;
                lines.add("# every pool counted by GitLab at " + now);
            }
        }

        void sample(long p, long now) throws Exception {
            boolean fed = EVENTED.contains(p);
            String cls = fed ? "events" : "polled";
            String before = fed ? get(sim + "/_sim/truth?project=" + p) : null;
            HttpResponse<String> resp = BenchClient.HTTP.send(
                    BenchClient.get(adapter + "/queues/projects/" + p), HttpResponse.BodyHandlers.ofString());
            AtomicInteger hooks = IN_FLIGHT.get(p);
            boolean flying = hooks != null && hooks.get() > 0; // a change under way when the answer came
            String after = fed ? get(sim + "/_sim/truth?project=" + p) : null;
            int status = resp.statusCode();
            String body = resp.body();
            boolean json = body.startsWith("{");
            if (status == 500) {
                s500++;
            } else if ((status != 200 && status != 503) || !json) {
                badAnswers++;
                FAILURES.add("project " + p + " answered " + status + ": "
                        + body.substring(0, Math.min(200, body.length())));
            }
            Map<String, Double> v = numbers(body);
            boolean afterFull = fullMs > 0 && now >= fullMs;
            int[] c = counts.computeIfAbsent(cls, k -> new int[6]);
            String differs = "-";
            if (status == 200) {
                c[0]++;
                if (body.contains("\"stale\":true")) {
                    c[2]++;
                }
                if (v.containsKey("ageSeconds")) { // after the first full reading; all of them when none came
                    ages.computeIfAbsent(cls + (afterFull ? "" : "-early"), k -> new ArrayList<>())
                            .add(v.get("ageSeconds"));
                }
                if (fed) {
                    c[4]++;
                    boolean same = equal(v, before) || equal(v, after);
                    differs = same ? "same" : flying ? "DIFFERS(change-under-way)" : "DIFFERS";
                    if (!same) {
                        c[3]++;
                        c[5] += flying ? 1 : 0;
                    }
                }
            } else if (status == 503) {
                readBefore503 += body.contains("not polled yet") ? 0 : 1;
                if (afterFull) {
                    c[1]++;
                } else {
                    before503++;
                }
            }
            String source = body.contains("\"source\":\"events\"")
                    ? "events"
                    : body.contains("\"source\":\"polling\"") ? "polling" : "-";
            lines.add(now + " " + p + " " + cls + " " + status + " age=" + v.getOrDefault("ageSeconds", -1.0)
                    + " pending=" + v.getOrDefault("pending", -1.0) + " running=" + v.getOrDefault("running", -1.0)
                    + " source=" + source + " " + differs
                    + (differs.startsWith("DIFFERS") ? " truth " + before + " " + after : "")
                    + (status == 503 ? " " + body.substring(0, Math.min(240, body.length())) : ""));
        }

        static boolean equal(Map<String, Double> answer, String truth) {
            return answer.get("pending") != null
                    && answer.get("pending") == BenchClient.number(truth, "pending")
                    && answer.get("running") != null
                    && answer.get("running") == BenchClient.number(truth, "running");
        }

        /** Reads a pool; compares its pending with the simulator's matcher for its first runner (one matcher a pool). */
        boolean samplePool(String pool, long runner, boolean last) throws Exception {
            String truthUrl = sim + "/_sim/truth?min=1&max=" + n + "&runner=" + runner;
            long before = BenchClient.number(get(truthUrl), "pending");
            HttpResponse<String> resp = BenchClient.HTTP.send(
                    BenchClient.get(adapter + "/queues/pools/" + pool), HttpResponse.BodyHandlers.ofString());
            long after = BenchClient.number(get(truthUrl), "pending");
            int[] c = poolCounts.computeIfAbsent(pool, k -> new int[5]);
            c[0]++;
            String body = resp.body();
            if (resp.statusCode() == 500) {
                s500++;
            }
            if (resp.statusCode() != 200) {
                lines.add(System.currentTimeMillis() + " pool " + pool + " " + resp.statusCode());
                return false;
            }
            c[1]++;
            boolean graphql = body.contains("\"countedBy\":\"gitlab-graphql\"");
            c[2] += graphql ? 1 : 0;
            Double pending = numbers(body).get("pending");
            boolean same = pending != null && (pending == before || pending == after);
            if (graphql) {
                c[4]++;
                c[3] += same ? 0 : 1;
            }
            lines.add(System.currentTimeMillis() + " pool " + pool + " 200 pending=" + pending + " truth=" + before
                    + "/" + after + " countedBy=" + (graphql ? "gitlab-graphql" : "model"));
            if (last) {
                poolFinal.put(
                        pool,
                        (pending == null ? "-" : String.valueOf(pending.longValue())) + "/" + after
                                + (graphql ? "" : " (model)"));
            }
            return graphql;
        }

        void finalPools() throws Exception {
            for (var pool : pools.entrySet()) {
                samplePool(pool.getKey(), pool.getValue(), true);
            }
        }

        void report() {
            out("full_reading_s", fullMs == 0 ? "never" : String.valueOf((fullMs - T0) / 1000));
            out("status_500", s500);
            out("bad_answers", badAnswers);
            out("before_full_503", before503);
            out("read_before_503", readBefore503);
            for (String cls : List.of("events", "polled")) {
                int[] c = counts.getOrDefault(cls, new int[6]);
                List<Double> a = new ArrayList<>(ages.getOrDefault(cls + (fullMs > 0 ? "" : "-early"), List.of()));
                Collections.sort(a);
                out(cls + "_samples", c[0] + c[1]);
                out(cls + "_503", c[1]);
                out(cls + "_stale", c[2]);
                out(cls + "_differ", c[3] + "/" + c[4]);
                out(cls + "_differ_change_under_way", c[5]);
                out(cls + "_age_p50", a.isEmpty() ? "-" : fmt(BenchClient.percentile(a, 50)));
                out(cls + "_age_p99", a.isEmpty() ? "-" : fmt(BenchClient.percentile(a, 99)));
                out(cls + "_age_max", a.isEmpty() ? "-" : fmt(a.get(a.size() - 1)));
            }
            for (var e : poolCounts.entrySet()) {
                int[] c = e.getValue();
                out(
                        "pool_" + e.getKey(),
                        "reads=" + c[0] + " ok=" + c[1] + " graphql=" + c[2] + " differ=" + c[3] + "/" + c[4]);
            }
            out("pools_final", poolFinal);
        }
    }

    static long T0 = System.currentTimeMillis();

    static Map<String, Double> numbers(String body) {
        Map<String, Double> v = new HashMap<>();
        Matcher m = NUM.matcher(body);
        while (m.find()) {
            v.putIfAbsent(m.group(1), Double.parseDouble(m.group(2))); // the top level's come first
        }
        return v;
    }

    // ------------------------------------------------------------------ GitLab's side

    /** How often each project was read: intervals between successive reads, after the first full reading. */
    static void reads(long fullMs, long tEnd) throws Exception {
        Map<Long, List<Long>> times = new HashMap<>();
        for (String line : get(sim + "/_sim/hits?min=1&max=" + n).split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[2].equals("200")) {
                times.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>())
                        .add(Long.parseLong(f[0]));
            }
        }
        Map<String, List<Double>> gaps = new HashMap<>();
        Map<String, List<Double>> sinceLast = new HashMap<>();
        for (long p = 1; p <= n; p++) {
            String cls = EVENTED.contains(p) ? "events" : "polled";
            List<Long> t = times.getOrDefault(p, new ArrayList<>());
            Collections.sort(t);
            for (int i = 1; i < t.size(); i++) {
                if (fullMs == 0 || t.get(i) >= fullMs) { // no full reading in the run: every interval
                    gaps.computeIfAbsent(cls, k -> new ArrayList<>()).add((t.get(i) - t.get(i - 1)) / 1000.0);
                }
            }
            double last = t.isEmpty() ? Double.POSITIVE_INFINITY : (tEnd - t.get(t.size() - 1)) / 1000.0;
            sinceLast.computeIfAbsent(cls, k -> new ArrayList<>()).add(last);
        }
        for (String cls : List.of("events", "polled")) {
            List<Double> g = gaps.getOrDefault(cls, new ArrayList<>());
            Collections.sort(g);
            List<Double> s = sinceLast.getOrDefault(cls, new ArrayList<>());
            Collections.sort(s);
            out(cls + "_projects", s.size());
            out(
                    cls + "_read_once",
                    s.stream().filter(x -> x != Double.POSITIVE_INFINITY).count());
            out(cls + "_read_intervals", g.size());
            out(cls + "_interval_p50", g.isEmpty() ? "-" : fmt(BenchClient.percentile(g, 50)));
            out(cls + "_interval_p99", g.isEmpty() ? "-" : fmt(BenchClient.percentile(g, 99)));
            out(cls + "_since_last_read_p99", s.isEmpty() ? "-" : fmt(BenchClient.percentile(s, 99)));
        }
    }

    /** GitLab requests per minute (all of them), and with pools counted by GitLab, per poll interval. */
    static void budget(long t0, long tEnd, long fullMs, double pollS, boolean admin) throws Exception {
        String w = get(sim + "/_sim/window?windowMs=60000");
        out("requests_total", BenchClient.number(w, "count"));
        out("max_sliding_minute", BenchClient.number(w, "maxSliding"));
        out("max_calendar_minute", BenchClient.number(w, "maxCalendarMinute"));
        Matcher pm = Pattern.compile("\"perCalendarMinute\":(\\[[^]]*\\])").matcher(w);
        out("per_calendar_minute", pm.find() ? pm.group(1).replace(" ", "") : "-");
        if (!admin) {
            return;
        }
        long from = fullMs > 0 ? fullMs : t0;
        long slot = (long) (pollS * 1000);
        int slots = (int) Math.max(1, (tEnd - from) / slot);
        int[] rest = new int[slots];
        int[] graphql = new int[slots];
        int[] settings = new int[slots];
        for (String line : get(sim + "/_sim/hits").split("\n")) {
            String[] f = line.split(" ");
            if (f.length != 3) {
                continue;
            }
            long at = Long.parseLong(f[0]);
            int i = (int) ((at - from) / slot);
            if (at < from || i >= slots) {
                continue;
            }
            long kind = Long.parseLong(f[1]);
            if (kind == SimGitLab.Admin.GRAPHQL) {
                graphql[i]++;
            } else {
                rest[i]++;
                if (kind == SimGitLab.Admin.RUNNER || kind == SimGitLab.Admin.SETTINGS) {
                    settings[i]++;
                }
            }
        }
        int maxPage = 0;
        Set<Long> runners = new java.util.TreeSet<>();
        for (String line : get(sim + "/_sim/graphql").split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 4 && Long.parseLong(f[0]) >= from) {
                runners.add(Long.parseLong(f[1]));
                maxPage = Math.max(maxPage, Integer.parseInt(f[2]));
            }
        }
        out("intervals", slots);
        out("graphql_per_interval", spread(graphql));
        out("rest_per_interval", spread(rest));
        out("runner_and_settings_reads_per_interval", spread(settings));
        out("graphql_runners_asked", runners);
        out("graphql_max_page", maxPage);
    }

    static String spread(int[] values) {
        int[] s = values.clone();
        java.util.Arrays.sort(s);
        return "min " + s[0] + " median " + s[s.length / 2] + " max " + s[s.length - 1];
    }

    static Map<String, Long> pools(String spec) {
        Map<String, Long> pools = new TreeMap<>();
        if (!spec.equals("-")) {
            for (String p : spec.split(",")) {
                String[] kv = p.split("=");
                pools.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return pools;
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static void out(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
    }
}
