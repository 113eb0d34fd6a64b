import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement clients for bench/run.sh. Each prints {@code RESULT key=value} lines that run.sh reads.
 *
 * <pre>
 * java BenchClient readers   ADAPTER SIM PROJECT READERS SECONDS INTERVAL_S
 * java BenchClient freshness webhook|webhook-tagless|poll ADAPTER SIM PROJECT TRIALS SECRET INTERVAL_MS
 * java BenchClient soak      ADAPTER SIM PROJECT PHASE_S PHASES MAX_STALENESS_S PID SLOW_MS RETRY_AFTER_S LOG
 * java BenchClient ciload    EVENTS POLLING SIM SECRET E_DOCKER E_ANY P_DOCKER P_ANY RATE_PER_H C SECONDS WARM_S SETTLE_S SEED
 * java BenchClient propagation SIM PROJECT TRIALS SECRET REPLICA REPLICA REPLICA...
 * java BenchClient events    ADAPTER PROJECT SECRET CONNECTIONS WARM_S SECONDS
 * </pre>
 */
public class BenchClient {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "readers" ->
                readers(
                        args[1],
                        args[2],
                        args[3],
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        Double.parseDouble(args[6]));
            case "freshness" ->
                freshness(
                        args[1],
                        args[2],
                        args[3],
                        args[4],
                        Integer.parseInt(args[5]),
                        args[6],
                        Long.parseLong(args[7]));
            case "soak" ->
                soak(
                        args[1],
                        args[2],
                        args[3],
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]),
                        Long.parseLong(args[7]),
                        Integer.parseInt(args[8]),
                        Integer.parseInt(args[9]),
                        Path.of(args[10]));
            case "ciload" -> ciload(args);
            case "propagation" ->
                propagation(
                        args[1],
                        args[2],
                        Integer.parseInt(args[3]),
                        args[4],
                        List.of(args).subList(5, args.length));
            case "events" ->
                events(
                        args[1],
                        Long.parseLong(args[2]),
                        args[3],
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]));
            case "burst" ->
                burst(args[1], args[2], args[3], Long.parseLong(args[4]), args[5], Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ------------------------------------------------------------------ 8. event throughput

    /**
     * Job Hooks as fast as CONNECTIONS connections (each its own client, one request at a time) can have them
     * answered, for one project the adapter already holds: each connection takes its own new jobs through pending,
     * running and success, so that every event changes the state (and the job count stays where the poll left it).
     * The hooks carry a top-level {@code tags} array, so that no event makes the adapter read GitLab. The first
     * WARM_S seconds are not counted. Reports answered events per second and the latency of each POST.
     */
    private static final java.util.concurrent.atomic.AtomicLong EVENT_JOB_IDS =
            new java.util.concurrent.atomic.AtomicLong(50_000_000L);

    static void events(String adapter, long project, String secret, int connections, int warmS, int seconds)
            throws Exception {
        long start = System.currentTimeMillis();
        long countFrom = start + warmS * 1000L;
        long end = countFrom + seconds * 1000L;
        List<List<Double>> latencies = new ArrayList<>();
        Map<String, AtomicInteger> results = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            // one id sequence for all connections, as GitLab numbers jobs: a new job's id is above every finished one
            java.util.concurrent.atomic.AtomicLong ids = EVENT_JOB_IDS;
            Thread t = new Thread(() -> {
                HttpClient own = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                Instant created = Instant.now();
                for (long job = ids.incrementAndGet(); System.currentTimeMillis() < end; job = ids.incrementAndGet()) {
                    for (String status : List.of("pending", "running", "success")) {
                        boolean runs = !status.equals("pending");
                        Instant now = Instant.now();
                        String body = jobHook(
                                job,
                                status,
                                "unit",
                                project,
                                500_001,
                                created,
                                runs ? now : null,
                                status.equals("success") ? now : null,
                                0.5,
                                runs ? 17 : 0,
                                runs ? List.of("docker") : null,
                                List.of("docker"));
                        long sent = System.nanoTime();
                        String result;
                        try {
                            HttpResponse<String> r =
                                    own.send(hookRequest(adapter, secret, body), HttpResponse.BodyHandlers.ofString());
                            Matcher m = Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"")
                                    .matcher(r.body());
                            result = r.statusCode() + " " + (m.find() ? m.group(1) : "none");
                        } catch (Exception e) {
                            result = "error";
                        }
                        long done = System.currentTimeMillis();
                        if (done >= countFrom && done < end) {
                            mine.add((System.nanoTime() - sent) / 1e6);
                            results.computeIfAbsent(result, k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Double> ms = latencies.stream().flatMap(List::stream).sorted().toList();
        int applied = results.getOrDefault("202 applied", new AtomicInteger()).get();
        out("events", ms.size());
        out("seconds", seconds);
        out("events_per_s", String.format("%.0f", ms.size() / (double) seconds));
        out("applied_per_s", String.format("%.0f", applied / (double) seconds));
        out("median_ms", ms.isEmpty() ? "-" : String.format("%.1f", percentile(ms, 50)));
        out("p99_ms", ms.isEmpty() ? "-" : String.format("%.1f", percentile(ms, 99)));
        out("not_applied", ms.size() - applied);
        out("results", new java.util.TreeMap<>(results));
    }

    // ------------------------------------------------------------------ 2b. a burst of tagless events

    /**
     * One pipeline queues {@code n} jobs tagged docker at once; GitLab sends one tagless Job Hook per job. Measures
     * the time from the jobs' creation until the tag-filtered pool counts all of them, and the GitLab requests the
     * adapter made for the project from just before the burst until 2 s after the pool counted them (its poll
     * interval is long, so every request is one the events asked for).
     */
    static void burst(String adapter, String sim, String secret, long project, String pool, int n) throws Exception {
        waitReady(adapter, 60);
        String poolUrl = adapter + "/queues/pools/" + pool;
        long deadline = System.currentTimeMillis() + 30_000;
        while (HTTP.send(get(poolUrl), HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("pool " + pool + " never answered 200");
            }
            sleep(50);
        }
        long before = number(body(sim + "/_sim/count?project=" + project), "count");
        String tags = String.join(",", Collections.nCopies(n, "docker"));
        String created = post(sim + "/_sim/pipeline?projects=" + project + "&tags=" + tags, "", Map.of());
        long atMicros = number(created, "atMicros");
        Matcher ids = Pattern.compile("[0-9]+").matcher(created.substring(created.indexOf("\"ids\"")));
        List<java.util.concurrent.CompletableFuture<Integer>> sent = new ArrayList<>();
        Instant at = Instant.ofEpochSecond(atMicros / 1_000_000, (atMicros % 1_000_000) * 1000);
        long pipeline = PIPELINE_IDS.incrementAndGet();
        while (ids.find()) {
            long id = Long.parseLong(ids.group());
            sent.add(hookAsync(
                    adapter,
                    secret,
                    jobHook(id, "pending", "job-" + id, project, pipeline, at, null, null, 0, 0, null, null)));
        }
        long counted = -1;
        while (System.currentTimeMillis() < deadline + 30_000) {
            if (pending(poolUrl) >= n) {
                counted = nowMicros();
                break;
            }
            sleep(5);
        }
        sent.forEach(java.util.concurrent.CompletableFuture::join);
        sleep(2_000);
        long after = number(body(sim + "/_sim/count?project=" + project), "count");
        out("burst_jobs", sent.size());
        out("burst_hooks", HOOK_STATUSES);
        out("burst_ms", counted < 0 ? "never" : fmtMs((counted - atMicros) / 1000.0));
        out("burst_requests", after - before);
    }

    // ------------------------------------------------------------------ 1. readers

    /** N readers, each with its own client (like N scalers), read one project every second. */
    static void readers(String adapter, String sim, String project, int readers, int seconds, double intervalS)
            throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        long from = System.currentTimeMillis();
        long end = from + seconds * 1000L;
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            long offset = r * 1000L / readers;
            Thread t = new Thread(() -> {
                HttpClient own = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                long next = from + offset;
                while (next < end) {
                    sleepUntil(next);
                    try {
                        int status = own.send(
                                        get(adapter + "/queues/projects/" + project),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        (status == 200 ? ok : bad).incrementAndGet();
                    } catch (Exception e) {
                        bad.incrementAndGet();
                    }
                    next += 1000;
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long to = System.currentTimeMillis();
        long requests = number(body(sim + "/_sim/count?project=" + project + "&from=" + from + "&to=" + to), "count");
        double intervals = (to - from) / 1000.0 / intervalS;
        out("reads_ok", ok.get());
        out("reads_bad", bad.get());
        out("seconds", String.format("%.1f", (to - from) / 1000.0));
        out("gitlab_requests", requests);
        out("intervals", String.format("%.1f", intervals));
        out("per_interval", String.format("%.2f", requests / intervals));
        out("polled_every_s", String.format("%.2f", (to - from) / 1000.0 / Math.max(1, requests)));
        out("per_reader_scaler_per_interval", String.format("%.0f", readers * intervalS));
    }

    // ------------------------------------------------------------------ 2. freshness

    /**
     * A job becomes pending at the simulator (its own timestamp); with "webhook" or "webhook-tagless" a Job Hook
     * follows at once, as GitLab sends it ("webhook" adds a top-level {@code tags} array, "webhook-tagless" is the
     * documented shape, with no job tags, and reads with {@code ?tags=docker}, which needs the job's tags). The adapter
     * is then read every 2 ms until {@code pending} counts the job. Latency = seen - pending at sim.
     */
    static void freshness(
            String how, String adapter, String sim, String project, int trials, String secret, long intervalMs)
            throws Exception {
        // tagless: read what a docker runner would take, which needs the job's tags (GitLab's Job Hook has none)
        String url = adapter + "/queues/projects/" + project + (how.equals("webhook-tagless") ? "?tags=docker" : "");
        long pending = pending(url);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            // a random phase against the poll rounds (and, for webhooks, a pause that lets the poll settle)
            Thread.sleep(
                    how.equals("poll")
                            ? ThreadLocalRandom.current().nextLong(50, intervalMs + 50)
                            : ThreadLocalRandom.current().nextLong(50, 150));
            // "webhook": with a top-level tags array, as some GitLab versions add; "webhook-tagless": GitLab's
            // documented Job Hook, which names no job tags (the adapter reads them from GitLab)
            PendingJob added = pendingJob(sim, project, how.equals("webhook") ? List.of("docker") : null);
            long id = added.id();
            long atMicros = added.atMicros();
            long expected = added.pending();
            if (how.startsWith("webhook")) {
                String answer = postHook(adapter, secret, added.hook()).body();
                if (!answer.contains("applied")) {
                    System.err.println("webhook answered " + answer);
                }
            }
            long seen;
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                long p = pending(url);
                if (p >= expected) {
                    Instant now = Instant.now();
                    seen = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "job " + id + " never showed (pending " + p + ", expected " + expected + ")");
                }
                Thread.sleep(2);
            }
            ms.add((seen - atMicros) / 1000.0);
            pending = expected;
        }
        Collections.sort(ms);
        out("trials", ms.size());
        out("median_ms", String.format("%.1f", percentile(ms, 50)));
        out("p99_ms", String.format("%.1f", percentile(ms, 99)));
        out("max_ms", String.format("%.1f", ms.get(ms.size() - 1)));
        out(
                "all_ms",
                ms.stream()
                        .map(v -> String.format("%.0f", v))
                        .toList()
                        .toString()
                        .replace(" ", ""));
    }

    /**
     * Replicas sharing Redis: a job becomes pending at the simulator and its Job Hook is posted to one replica (each in
     * turn); the other replicas are read every millisecond until they count it. One sample per other replica: from the
     * hook's 202 at the first to the first answer of that replica that counts the job. Three trials first warm the
     * replicas' code paths (they have just started) and are not counted.
     */
    static void propagation(String sim, String project, int trials, String secret, List<String> replicas)
            throws Exception {
        int warmUp = 3;
        List<Double> ms = new ArrayList<>();
        for (int i = -warmUp; i < trials; i++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(50, 150));
            String to = replicas.get(Math.floorMod(i, replicas.size()));
            PendingJob added = pendingJob(sim, project, List.of("docker"));
            HttpResponse<String> answer = postHook(to, secret, added.hook());
            long applied = System.nanoTime();
            // "outdated": a poll listed the job pending between the simulator adding it and the hook; it counts
            if (answer.statusCode() != 202
                    || !(answer.body().contains("\"applied\"") || answer.body().contains("\"outdated\""))) {
                throw new IllegalStateException(to + " answered " + answer.statusCode() + " " + answer.body());
            }
            List<String> others = new ArrayList<>(replicas);
            others.remove(to);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!others.isEmpty()) {
                for (java.util.Iterator<String> it = others.iterator(); it.hasNext(); ) {
                    String other = it.next();
                    if (pending(other + "/queues/projects/" + project) >= added.pending()) {
                        if (i >= 0) {
                            ms.add((System.nanoTime() - applied) / 1e6);
                        }
                        it.remove();
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("job " + added.id() + " never showed on " + others);
                }
                Thread.sleep(1);
            }
        }
        Collections.sort(ms);
        out("samples", ms.size());
        out("median_ms", String.format("%.1f", percentile(ms, 50)));
        out("p99_ms", String.format("%.1f", percentile(ms, 99)));
        out("max_ms", String.format("%.1f", ms.get(ms.size() - 1)));
    }

    /** A job made pending at the simulator, the queue's pending count then, and the Job Hook GitLab sends for it. */
    record PendingJob(long id, long atMicros, long pending, String hook) {}

    /** @param topTags the hook's top-level {@code tags} (some GitLab versions add them), or null: GitLab's documented */
    static PendingJob pendingJob(String sim, String project, List<String> topTags) throws Exception {
        String added = post(sim + "/_sim/jobs?project=" + project + "&status=pending&tags=docker", "", Map.of());
        long id = number(added, "id");
        long atMicros = number(added, "atMicros");
        Instant created = Instant.ofEpochSecond(atMicros / 1_000_000, (atMicros % 1_000_000) * 1000);
        String hook = jobHook(
                id, "pending", "unit", Long.parseLong(project), 500_001, created, null, null, 0.01, 0, null, topTags);
        return new PendingJob(id, atMicros, number(added, "pending"), hook);
    }

    static long pending(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(get(url), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return -1;
        }
        return number(r.body(), "pending");
    }

    // ------------------------------------------------------------------ 5. soak

    /**
     * Drives the simulator through up, down, slow and 429, one phase each PHASE_S, reads the adapter once a second
     * and checks every answer; samples the adapter's RSS once a second.
     */
    static void soak(
            String adapter,
            String sim,
            String project,
            int phaseS,
            int phases,
            int maxStalenessS,
            long pid,
            int slowMs,
            int retryAfterS,
            Path log)
            throws Exception {
        String[] cycle = {"up", "down", "slow", "429"};
        String url = adapter + "/queues/projects/" + project;
        List<String> lines = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        List<Long> rssAtPhaseEnd = new ArrayList<>();
        List<Double> recoveries = new ArrayList<>();
        int unrecovered = 0;
        int expected503 = 0;
        long start = System.currentTimeMillis();
        double toleranceS = 1.5;
        for (int phase = 0; phase < phases; phase++) {
            String mode = cycle[phase % cycle.length];
            long phaseStart = start + phase * phaseS * 1000L;
            sleepUntil(phaseStart);
            post(sim + "/_sim/mode?m=" + mode + "&delayMs=" + slowMs + "&retryAfter=" + retryAfterS, "", Map.of());
            Instant phaseStartInstant = Instant.ofEpochMilli(System.currentTimeMillis());
            Double recovered = null;
            for (long tick = phaseStart + 1000; tick <= phaseStart + phaseS * 1000L; tick += 1000) {
                sleepUntil(tick);
                Instant now = Instant.now();
                double inPhase = (now.toEpochMilli() - phaseStartInstant.toEpochMilli()) / 1000.0;
                int status;
                String body;
                try {
                    HttpResponse<String> r = HTTP.send(get(url), HttpResponse.BodyHandlers.ofString());
                    status = r.statusCode();
                    body = r.body();
                } catch (IOException e) {
                    status = -1;
                    body = e.toString();
                }
                statuses.merge(String.valueOf(status), 1, Integer::sum);
                String note = "";
                if (status == 200) {
                    Instant observed = Instant.parse(string(body, "observedAt"));
                    boolean stale = body.contains("\"stale\":true");
                    double age = Duration.between(observed, now).toMillis() / 1000.0;
                    if (age > maxStalenessS + toleranceS) {
                        violations.add(String.format(
                                "t=%.0fs %s: 200 with an answer %.1fs old (max-staleness %ds)",
                                (now.toEpochMilli() - start) / 1000.0, mode, age, maxStalenessS));
                    }
                    if (!mode.equals("up")) {
                        if (observed.isAfter(phaseStartInstant.plusMillis((long) (toleranceS * 1000)))) {
                            violations.add(String.format(
                                    "t=%.0fs %s: observedAt %s is after GitLab went %s",
                                    (now.toEpochMilli() - start) / 1000.0, mode, observed, mode));
                        }
                        if (!stale && inPhase > maxStalenessS + toleranceS) {
                            violations.add(String.format(
                                    "t=%.0fs %s: fresh answer (stale=false) %.0fs into the outage",
                                    (now.toEpochMilli() - start) / 1000.0, mode, inPhase));
                        }
                    } else if (!stale && recovered == null && observed.isAfter(phaseStartInstant)) {
                        recovered = inPhase;
                    }
                    note = (stale ? "stale" : "fresh") + String.format(" age=%.1f", age);
                } else if (status == 503) {
                    if (!mode.equals("up") && inPhase > maxStalenessS + toleranceS) {
                        expected503++;
                    }
                    note = "503";
                } else {
                    violations.add(String.format(
                            "t=%.0fs %s: status %d %s",
                            (now.toEpochMilli() - start) / 1000.0,
                            mode,
                            status,
                            body.length() > 200 ? body.substring(0, 200) : body));
                }
                long rss = rssKb(pid);
                lines.add(String.format(
                        "%6.1f %-5s %3d %-22s rss_kb=%d",
                        (now.toEpochMilli() - start) / 1000.0, mode, status, note, rss));
            }
            rssAtPhaseEnd.add(rssKb(pid));
            if (mode.equals("up") && phase > 0) {
                if (recovered == null) {
                    unrecovered++;
                } else {
                    recoveries.add(recovered);
                }
            }
        }
        post(sim + "/_sim/mode?m=up", "", Map.of());
        Files.write(log, lines);
        long ref = rssAtPhaseEnd.get(Math.min(1, rssAtPhaseEnd.size() - 1));
        long last = rssAtPhaseEnd.get(rssAtPhaseEnd.size() - 1);
        out("checks", lines.size());
        out("statuses", statuses.toString().replace(" ", ""));
        out("violations", violations.size());
        for (String v : violations) {
            System.out.println("VIOLATION " + v);
        }
        out("outage_503s_past_staleness", expected503);
        out("rss_phase2_kb", ref);
        out("rss_end_kb", last);
        out("rss_end_over_phase2", String.format("%.3f", last / (double) ref));
        out(
                "rss_per_phase_mb",
                rssAtPhaseEnd.stream()
                        .map(v -> String.valueOf(v / 1024))
                        .toList()
                        .toString()
                        .replace(" ", ""));
        Collections.sort(recoveries);
        out("recoveries", recoveries.size());
        out("unrecovered_up_phases", unrecovered);
        out(
                "recovery_max_s",
                recoveries.isEmpty() ? "-" : String.format("%.0f", recoveries.get(recoveries.size() - 1)));
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    // ------------------------------------------------------------------ 6. CI load: events first vs polling only

    /** A pool of the CI load: the same name on both adapters, over its own projects on each. */
    static final class CiPool {
        final String name;
        final String runnerTag; // null: no tag filter, every pending job counts
        final List<Long> eventsProjects;
        final List<Long> pollingProjects;
        /** Relevant jobs of the events projects queued at the simulator: counted before they are added (never less). */
        final AtomicLong queued = new AtomicLong();
        /** Relevant jobs of the events projects that left pending: counted once the adapter took the hook (never more). */
        final AtomicLong leftAcked = new AtomicLong();

        final List<CiPipeline> outstanding = Collections.synchronizedList(new ArrayList<>());
        final List<Double> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger missed = new AtomicInteger();
        final AtomicInteger unresolved = new AtomicInteger();

        CiPool(String name, String runnerTag, List<Long> eventsProjects, List<Long> pollingProjects) {
            this.name = name;
            this.runnerTag = runnerTag;
            this.eventsProjects = eventsProjects;
            this.pollingProjects = pollingProjects;
        }

        boolean counts(String tag) {
            return runnerTag == null || runnerTag.equals(tag);
        }
    }

    /** One job as the schedule drew it, and what became of it at the simulator. */
    static final class CiJob {
        final String tag;
        final double pendingS;
        final double runS;
        final String name;
        long eventsId;
        long pollingId;
        Instant created;
        Instant started;
        volatile boolean left;

        CiJob(String tag, double pendingS, double runS, String name) {
            this.tag = tag;
            this.pendingS = pendingS;
            this.runS = runS;
            this.name = name;
        }
    }

    /** A pipeline of one slot (an events project and its polling mirror): its jobs are queued at once. */
    static final class CiPipeline {
        final int slot;
        final double atS;
        final List<CiJob> jobs;
        long id;
        /** When the first job the pool counts was queued at the simulator (its own clock, µs); 0: none counts. */
        long firstRelevantMicros;
        /** Whether its latency counts: it arrived after the warm-up. */
        volatile boolean measured;
        /** Client clock (µs) once every job was added at the simulator; 0 before. */
        volatile long allQueuedMicros;

        CiPipeline(int slot, double atS, List<CiJob> jobs) {
            this.slot = slot;
            this.atS = atS;
            this.jobs = jobs;
        }
    }

    static volatile double WARM_S;
    static final AtomicLong PIPELINE_IDS = new AtomicLong(700_000);
    static final Map<String, AtomicInteger> HOOK_STATUSES = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> HOOK_RESULTS = new java.util.concurrent.ConcurrentHashMap<>();
    static final AtomicInteger HOOKS = new AtomicInteger();
    static final List<String> TRACE =
            System.getenv("CILOAD_TRACE") == null ? null : Collections.synchronizedList(new ArrayList<>());
    static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());

    /**
     * A synthetic CI load on two adapters at once, on one simulated GitLab: the events adapter gets a Job Hook for every
     * transition of every job of its projects, the polling adapter's mirror projects get the very same jobs at the same
     * moments and no hooks. Each of the {@code 2 * P} slots (P projects per pool, pools {@code docker} with a tag filter
     * and {@code any} without) drives one events project and its mirror: a warm-up pipeline in the first half of
     * WARM_S, then pipelines at random (Poisson, R per project-hour, times C), each of 2-8 jobs queued at once, half
     * tagged {@code docker}, half {@code linux}; a job waits pending 2-8 s, runs 1-10 minutes (divided by C) and
     * succeeds. Times are compressed by C: the adapters poll every 15 s / C (events adapter: reconcile every 5 m / C).
     * After SECONDS everything freezes; after SETTLE_S both adapters' counts must equal the simulator's.
     *
     * <pre>
     * ciload EVENTS POLLING SIM SECRET E_DOCKER E_ANY P_DOCKER P_ANY RATE_PER_H C SECONDS WARM_S SETTLE_S SEED
     * </pre>
     * Project lists are comma-separated ids; each events list and its polling list have the same length.
     */
    static void ciload(String[] a) throws Exception {
        String events = a[1];
        String polling = a[2];
        String sim = a[3];
        String secret = a[4];
        List<CiPool> pools = List.of(
                new CiPool("docker", "docker", ids(a[5]), ids(a[7])), new CiPool("any", null, ids(a[6]), ids(a[8])));
        double ratePerHour = Double.parseDouble(a[9]);
        double c = Double.parseDouble(a[10]);
        double seconds = Double.parseDouble(a[11]);
        double warmS = Double.parseDouble(a[12]);
        WARM_S = warmS;
        double settleS = Double.parseDouble(a[13]);
        long seed = Long.parseLong(a[14]);

        // the schedule, drawn up front from the seed: the same load whatever the timing of this run
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<CiPool> slotPool = new ArrayList<>();
        List<Long> slotEvents = new ArrayList<>();
        List<Long> slotPolling = new ArrayList<>();
        for (CiPool pool : pools) {
            for (int i = 0; i < pool.eventsProjects.size(); i++) {
                slotPool.add(pool);
                slotEvents.add(pool.eventsProjects.get(i));
                slotPolling.add(pool.pollingProjects.get(i));
            }
        }
        double meanGapS = 3600.0 / (ratePerHour * c);
        List<CiPipeline> schedule = new ArrayList<>();
        for (int slot = 0; slot < slotPool.size(); slot++) {
            double t = 0.2 + random.nextDouble() * (warmS / 2 - 0.2); // warm-up: every project hears an event early
            while (t < seconds) {
                int k = 2 + random.nextInt(7);
                List<CiJob> jobs = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    jobs.add(new CiJob(
                            random.nextBoolean() ? "docker" : "linux",
                            2 + random.nextDouble() * 6,
                            (60 + random.nextDouble() * 540) / c,
                            "job-" + (j + 1)));
                }
                schedule.add(new CiPipeline(slot, t, jobs));
                t += -Math.log(1 - random.nextDouble()) * meanGapS;
            }
        }
        schedule.sort(java.util.Comparator.comparingDouble(p -> p.atS));

        waitReady(events, 90);
        waitReady(polling, 90);
        var exec = new java.util.concurrent.ScheduledThreadPoolExecutor(8);
        exec.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        java.util.concurrent.atomic.AtomicBoolean frozen = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> failures = FAILURES;
        long t0 = System.currentTimeMillis();
        for (CiPipeline p : schedule) {
            exec.schedule(
                    () -> guarded(
                            failures,
                            () -> arrive(
                                    exec,
                                    frozen,
                                    p,
                                    slotPool.get(p.slot),
                                    slotEvents.get(p.slot),
                                    slotPolling.get(p.slot),
                                    events,
                                    sim,
                                    secret)),
                    (long) (p.atS * 1000),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        List<Thread> observers = new ArrayList<>();
        for (CiPool pool : pools) {
            Thread t = new Thread(() -> observe(events, pool, frozen));
            t.setDaemon(true);
            t.start();
            observers.add(t);
        }
        sleepUntil(t0 + (long) (seconds * 1000));
        // the queues' source, while the load still flows (a field of events-first polling; absent before it)
        Map<String, Integer> eventsSources = sources(events, pools, true);
        Map<String, Integer> pollingSources = sources(polling, pools, false);
        frozen.set(true);
        long tEnd = System.currentTimeMillis();
        exec.shutdown(); // delayed transitions are dropped; those under way finish
        if (!exec.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)) {
            failures.add("transitions still running 20 s after the load stopped");
        }
        for (Thread t : observers) {
            t.join(5000);
        }
        for (CiPool pool : pools) {
            pool.unresolved.addAndGet(
                    (int) pool.outstanding.stream().filter(p -> p.measured).count());
        }

        long from = t0 + (long) (warmS * 1000);
        double windowS = (tEnd - from) / 1000.0;
        double compressedHours = windowS * c / 3600.0;
        out("window_s", String.format("%.1f", windowS));
        out("compressed_hours", String.format("%.2f", compressedHours));
        long inWindow = schedule.stream()
                .filter(p -> p.atS >= warmS && p.atS * 1000 < tEnd - t0)
                .count();
        out("pipelines", schedule.stream().filter(p -> p.allQueuedMicros > 0).count());
        out("pipelines_in_window", inWindow);
        out(
                "jobs",
                schedule.stream()
                        .filter(p -> p.allQueuedMicros > 0)
                        .mapToInt(p -> p.jobs.size())
                        .sum());
        for (CiPool pool : pools) {
            double ev = perProjectHour(sim, pool.eventsProjects, from, tEnd, compressedHours);
            double po = perProjectHour(sim, pool.pollingProjects, from, tEnd, compressedHours);
            out("events_" + pool.name + "_per_project_hour", String.format("%.1f", ev));
            out("polling_" + pool.name + "_per_project_hour", String.format("%.1f", po));
            out("ratio_" + pool.name, String.format("%.2f", ev == 0 ? 0 : po / ev));
            List<Double> ms = new ArrayList<>(pool.latenciesMs);
            Collections.sort(ms);
            // a pipeline whose jobs all started before the adapter counted them took longer than it could show
            for (int i = 0; i < pool.missed.get(); i++) {
                ms.add(Double.POSITIVE_INFINITY);
            }
            out("latency_" + pool.name + "_n", ms.size());
            out("latency_" + pool.name + "_missed", pool.missed.get());
            out("latency_" + pool.name + "_unresolved", pool.unresolved.get());
            out("latency_" + pool.name + "_median_ms", ms.isEmpty() ? "-" : fmtMs(percentile(ms, 50)));
            out("latency_" + pool.name + "_p99_ms", ms.isEmpty() ? "-" : fmtMs(percentile(ms, 99)));
            out("latency_" + pool.name + "_max_ms", ms.isEmpty() ? "-" : fmtMs(ms.get(ms.size() - 1)));
        }
        out("hooks", HOOKS.get());
        out("hook_statuses", new java.util.TreeMap<>(HOOK_STATUSES).toString().replace(" ", ""));
        out("hook_results", new java.util.TreeMap<>(HOOK_RESULTS).toString().replace(" ", ""));
        long non2xx = HOOK_STATUSES.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(e -> e.getValue().get())
                .sum();
        out("hooks_non2xx", non2xx);
        out("sources_events", eventsSources.toString().replace(" ", ""));
        out("sources_polling", pollingSources.toString().replace(" ", ""));

        // settled: nothing moves any more; both adapters must count what the simulator holds
        Thread.sleep((long) (settleS * 1000));
        List<String> mismatches = List.of();
        for (int attempt = 0; attempt < 5; attempt++) {
            mismatches = compare(events, polling, sim, pools);
            if (mismatches.isEmpty()) {
                break;
            }
            Thread.sleep(1000);
        }
        List<String> checked = new ArrayList<>();
        for (CiPool pool : pools) {
            long truth = truthPending(sim, pool.eventsProjects, pool.runnerTag);
            long truthMirror = truthPending(sim, pool.pollingProjects, pool.runnerTag);
            checked.add(pool.name + ":" + truth + "/" + pending(events + "/queues/pools/" + pool.name) + "/"
                    + truthMirror + "/" + pending(polling + "/queues/pools/" + pool.name));
        }
        out("final_pending", String.join(",", checked)); // pool: sim/events adapter/sim mirror/polling adapter
        out("mismatches", mismatches.size());
        for (String m : mismatches) {
            System.out.println("MISMATCH " + m);
        }
        if (TRACE != null) {
            Files.write(Path.of(System.getenv("CILOAD_TRACE")), TRACE);
        }
        out("failures", failures.size());
        for (String f : failures) {
            System.out.println("FAILURE " + f);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    static void guarded(List<String> failures, Step step) {
        try {
            step.run();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the load stopped meanwhile: this job stays where it is
        } catch (Exception e) {
            failures.add(e.toString());
        }
    }

    /** A pipeline arrives: its jobs are queued at the simulator in both projects, then the events project's hooks. */
    static void arrive(
            java.util.concurrent.ScheduledExecutorService exec,
            java.util.concurrent.atomic.AtomicBoolean frozen,
            CiPipeline p,
            CiPool pool,
            long eventsProject,
            long pollingProject,
            String events,
            String sim,
            String secret)
            throws Exception {
        if (frozen.get()) {
            return;
        }
        p.id = PIPELINE_IDS.incrementAndGet();
        for (CiJob j : p.jobs) {
            if (pool.counts(j.tag)) {
                pool.queued.incrementAndGet(); // before the job exists: the observer's bar is never too low
            }
        }
        String added = post(
                sim + "/_sim/pipeline?projects=" + eventsProject + "," + pollingProject + "&tags="
                        + String.join(",", p.jobs.stream().map(j -> j.tag).toList()),
                "",
                Map.of());
        long micros = number(added, "atMicros");
        Matcher lists = Pattern.compile("\\[([0-9,]+)\\]").matcher(added.substring(added.indexOf("\"ids\"")));
        List<Long> eventsIds = lists.find() ? ids(lists.group(1)) : List.of();
        List<Long> pollingIds = lists.find() ? ids(lists.group(1)) : List.of();
        if (eventsIds.size() != p.jobs.size() || pollingIds.size() != p.jobs.size()) {
            throw new IllegalStateException("the simulator answered " + added);
        }
        for (int i = 0; i < p.jobs.size(); i++) {
            CiJob j = p.jobs.get(i);
            j.eventsId = eventsIds.get(i);
            j.pollingId = pollingIds.get(i);
            j.created = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        }
        if (p.jobs.stream().anyMatch(j -> pool.counts(j.tag))) {
            p.firstRelevantMicros = micros;
        }
        p.allQueuedMicros = nowMicros();
        if (TRACE != null) {
            TRACE.add(String.format(
                    "%d %s ARRIVE project=%d jobs=%s",
                    p.allQueuedMicros / 1000,
                    pool.name,
                    eventsProject,
                    p.jobs.stream().map(j -> j.eventsId + ":" + j.tag).toList()));
        }
        if (p.firstRelevantMicros > 0) {
            pool.outstanding.add(p);
        }
        p.measured = p.atS >= WARM_S; // the adapters' first seconds (cold JIT, every project's first event) are not
        // GitLab delivers hooks from several Sidekiq threads at once: the jobs' pending hooks go out together
        List<java.util.concurrent.CompletableFuture<Integer>> sent = new ArrayList<>();
        for (CiJob j : p.jobs) {
            double queued = Math.max(0, (nowMicros() - micros(j.created)) / 1e6);
            sent.add(hookAsync(
                    events,
                    secret,
                    jobHook(
                            j.eventsId,
                            "pending",
                            j.name,
                            eventsProject,
                            p.id,
                            j.created,
                            null,
                            null,
                            queued,
                            0,
                            null,
                            null)));
        }
        sent.forEach(java.util.concurrent.CompletableFuture::join);
        for (CiJob j : p.jobs) {
            exec.schedule(
                    () -> guarded(
                            FAILURES,
                            () -> start(exec, frozen, p, j, pool, eventsProject, pollingProject, events, sim, secret)),
                    (long) (j.pendingS * 1000),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** A runner takes the job (runner 17 has tag docker, 18 linux); then it runs and succeeds. */
    static void start(
            java.util.concurrent.ScheduledExecutorService exec,
            java.util.concurrent.atomic.AtomicBoolean frozen,
            CiPipeline p,
            CiJob j,
            CiPool pool,
            long eventsProject,
            long pollingProject,
            String events,
            String sim,
            String secret)
            throws Exception {
        if (frozen.get()) {
            return;
        }
        long runner = j.tag.equals("docker") ? 17 : 18;
        String moved = post(
                sim + "/_sim/move?project=" + eventsProject + "&id=" + j.eventsId + "&status=running&runner=" + runner,
                "",
                Map.of());
        long micros = number(moved, "atMicros");
        j.started = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        post(
                sim + "/_sim/move?project=" + pollingProject + "&id=" + j.pollingId + "&status=running&runner="
                        + runner,
                "",
                Map.of());
        double queued = (micros - micros(j.created)) / 1e6;
        int status = hook(
                events,
                secret,
                jobHook(
                        j.eventsId,
                        "running",
                        j.name,
                        eventsProject,
                        p.id,
                        j.created,
                        j.started,
                        null,
                        queued,
                        runner,
                        List.of(j.tag),
                        null));
        j.left = true;
        if (TRACE != null) {
            TRACE.add(String.format(
                    "%d %s START project=%d job=%d:%s hook=%d",
                    nowMicros() / 1000, pool.name, eventsProject, j.eventsId, j.tag, status));
        }
        if (pool.counts(j.tag) && status / 100 == 2) {
            pool.leftAcked.incrementAndGet(); // the adapter has it: a departure it surely knows
        }
        exec.schedule(
                () -> guarded(FAILURES, () -> {
                    if (frozen.get()) {
                        return;
                    }
                    String done = post(
                            sim + "/_sim/move?project=" + eventsProject + "&id=" + j.eventsId + "&status=success",
                            "",
                            Map.of());
                    long doneMicros = number(done, "atMicros");
                    post(
                            sim + "/_sim/move?project=" + pollingProject + "&id=" + j.pollingId + "&status=success",
                            "",
                            Map.of());
                    Instant finished = Instant.ofEpochSecond(doneMicros / 1_000_000, (doneMicros % 1_000_000) * 1000);
                    hook(
                            events,
                            secret,
                            jobHook(
                                    j.eventsId,
                                    "success",
                                    j.name,
                                    eventsProject,
                                    p.id,
                                    j.created,
                                    j.started,
                                    finished,
                                    queued,
                                    runner,
                                    List.of(j.tag),
                                    null));
                }),
                (long) (j.runS * 1000),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the events adapter's pool while pipelines wait to be counted. A pipeline counts as seen at the end of the
     * first read, begun after all its jobs were queued, whose pending count reaches every job queued at the simulator
     * before the answer came ({@code queued}, read after the answer) less every departure the adapter took before the
     * read began ({@code leftAcked}, read before): the adapter cannot know more jobs than those, so every one of this
     * pipeline's is counted. Another pipeline still to be counted can only make this one's latency longer, never
     * shorter. A pipeline whose counted jobs all started before such a read is "missed".
     */
    static void observe(String events, CiPool pool, java.util.concurrent.atomic.AtomicBoolean frozen) {
        String url = events + "/queues/pools/" + pool.name;
        while (!frozen.get()) {
            if (pool.outstanding.isEmpty()) {
                sleep(10);
                continue;
            }
            long left = pool.leftAcked.get();
            long began = nowMicros();
            long counted;
            try {
                counted = pending(url);
            } catch (Exception e) {
                counted = -1;
            }
            long answered = nowMicros();
            long bar = pool.queued.get() - left;
            if (TRACE != null) {
                TRACE.add(String.format(
                        "%d %s counted=%d bar=%d queued=%d left=%d outstanding=%d",
                        answered / 1000, pool.name, counted, bar, pool.queued.get(), left, pool.outstanding.size()));
            }
            List<CiPipeline> candidates;
            synchronized (pool.outstanding) {
                candidates = pool.outstanding.stream()
                        .filter(p -> p.allQueuedMicros > 0 && p.allQueuedMicros <= began)
                        .toList();
            }
            for (CiPipeline p : candidates) {
                if (counted >= 0 && counted >= bar) {
                    if (p.measured) {
                        pool.latenciesMs.add((answered - p.firstRelevantMicros) / 1000.0);
                    }
                    pool.outstanding.remove(p);
                } else if (p.jobs.stream().filter(j -> pool.counts(j.tag)).allMatch(j -> j.left)) {
                    if (p.measured) {
                        pool.missed.incrementAndGet();
                    }
                    pool.outstanding.remove(p);
                }
            }
            sleep(3);
        }
    }

    /** POSTs a hook the way GitLab delivers it and counts the answer; its HTTP status, -1 when none came. */
    static int hook(String adapter, String secret, String body) {
        return hookAsync(adapter, secret, body).join();
    }

    static java.util.concurrent.CompletableFuture<Integer> hookAsync(String adapter, String secret, String body) {
        HOOKS.incrementAndGet();
        return HTTP.sendAsync(hookRequest(adapter, secret, body), HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> {
                    if (e != null) {
                        HOOK_STATUSES
                                .computeIfAbsent("error", k -> new AtomicInteger())
                                .incrementAndGet();
                        return -1;
                    }
                    HOOK_STATUSES
                            .computeIfAbsent(String.valueOf(r.statusCode()), k -> new AtomicInteger())
                            .incrementAndGet();
                    Matcher m =
                            Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"").matcher(r.body());
                    HOOK_RESULTS
                            .computeIfAbsent(m.find() ? m.group(1) : "none", k -> new AtomicInteger())
                            .incrementAndGet();
                    return r.statusCode();
                });
    }

    static double perProjectHour(String sim, List<Long> projects, long from, long to, double compressedHours)
            throws Exception {
        long n = 0;
        for (long p : projects) {
            n += number(body(sim + "/_sim/count?project=" + p + "&from=" + from + "&to=" + to), "count");
        }
        return n / (double) projects.size() / compressedHours;
    }

    static long truthPending(String sim, List<Long> projects, String runnerTag) throws Exception {
        long n = 0;
        for (long p : projects) {
            n += number(
                    body(sim + "/_sim/truth?project=" + p + (runnerTag == null ? "" : "&tags=" + runnerTag)),
                    "pending");
        }
        return n;
    }

    /** Pools and projects of both adapters against the simulator's jobs; one line per difference. */
    static List<String> compare(String events, String polling, String sim, List<CiPool> pools) throws Exception {
        List<String> out = new ArrayList<>();
        for (CiPool pool : pools) {
            for (boolean ev : new boolean[] {true, false}) {
                String adapter = ev ? events : polling;
                List<Long> projects = ev ? pool.eventsProjects : pool.pollingProjects;
                long truth = truthPending(sim, projects, pool.runnerTag);
                long got = pending(adapter + "/queues/pools/" + pool.name);
                if (got != truth) {
                    out.add(String.format(
                            "%s adapter, pool %s: pending %d, the simulator holds %d",
                            ev ? "events" : "polling", pool.name, got, truth));
                }
                for (long p : projects) {
                    String truthJson = body(sim + "/_sim/truth?project=" + p);
                    String got2 = body(adapter + "/queues/projects/" + p);
                    for (String field : List.of("pending", "running")) {
                        long t = number(truthJson, field);
                        long g = number(got2, field);
                        if (g != t) {
                            out.add(String.format(
                                    "%s adapter, project %d: %s %d, the simulator holds %d",
                                    ev ? "events" : "polling", p, field, g, t));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** How many of the adapter's project queues say which {@code source} (events or polling); "absent" when none. */
    static Map<String, Integer> sources(String adapter, List<CiPool> pools, boolean ev) throws Exception {
        Map<String, Integer> n = new java.util.TreeMap<>();
        for (CiPool pool : pools) {
            for (long p : ev ? pool.eventsProjects : pool.pollingProjects) {
                String b = body(adapter + "/queues/projects/" + p);
                Matcher m = Pattern.compile("\"source\"\\s*:\\s*\"([^\"]*)\"").matcher(b);
                n.merge(m.find() ? m.group(1) : "absent", 1, Integer::sum);
            }
        }
        return n;
    }

    static void waitReady(String adapter, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            try {
                if (HTTP.send(get(adapter + "/q/health/ready"), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(adapter + " not ready after " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    static List<Long> ids(String csv) {
        List<Long> ids = new ArrayList<>();
        for (String s : csv.split(",")) {
            ids.add(Long.parseLong(s.strip()));
        }
        return ids;
    }

    static String fmtMs(double ms) {
        return Double.isInfinite(ms) ? "missed" : String.format("%.0f", ms);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A Job Hook body with the fields and order of GitLab's documented example (doc/user/project/integrations/
     * webhook_events.md, "Job events"): {@code runner} null while pending, the runner (with its own tags) once it
     * runs. GitLab names no tags of the job; {@code topTags}, when not null, adds the top-level {@code tags} array
     * some GitLab versions send.
     */
    static String jobHook(
            long buildId,
            String status,
            String name,
            long project,
            long pipeline,
            Instant created,
            Instant started,
            Instant finished,
            double queuedS,
            long runnerId,
            List<String> runnerTags,
            List<String> topTags) {
        String sha = "2b8d0f5e1c3a4b6d8e9f0a1b2c3d4e5f60718293";
        String path = "bench/p" + project;
        String web = "http://gitlab.example/" + path;
        StringBuilder b = new StringBuilder(3072);
        b.append("{\"object_kind\":\"build\",\"ref\":\"main\",\"tag\":false,")
                .append("\"before_sha\":\"0000000000000000000000000000000000000000\",\"sha\":\"")
                .append(sha)
                .append("\",\"retries_count\":0,\"build_id\":")
                .append(buildId)
                .append(",\"build_name\":\"")
                .append(name)
                .append("\",\"build_stage\":\"test\",\"build_status\":\"")
                .append(status)
                .append("\",\"build_created_at\":")
                .append(ts(created, true))
                .append(",\"build_started_at\":")
                .append(ts(started, true))
                .append(",\"build_finished_at\":")
                .append(ts(finished, true))
                .append(",\"build_created_at_iso\":")
                .append(ts(created, false))
                .append(",\"build_started_at_iso\":")
                .append(ts(started, false))
                .append(",\"build_finished_at_iso\":")
                .append(ts(finished, false))
                .append(",\"build_duration\":")
                .append(
                        started != null && finished != null
                                ? String.format(
                                        java.util.Locale.ROOT, "%.3f", (micros(finished) - micros(started)) / 1e6)
                                : "null")
                .append(",\"build_queued_duration\":")
                .append(String.format(java.util.Locale.ROOT, "%.6f", queuedS))
                .append(",\"build_allow_failure\":false,\"build_failure_reason\":\"unknown_failure\",\"pipeline_id\":")
                .append(pipeline)
                .append(",\"runner\":");
        if (runnerId > 0) {
            b.append("{\"id\":")
                    .append(runnerId)
                    .append(",\"description\":\"bench-runner-")
                    .append(runnerId)
                    .append("\",\"runner_type\":\"project_type\",\"active\":true,\"is_shared\":false,\"tags\":[");
            for (int i = 0; i < runnerTags.size(); i++) {
                b.append(i > 0 ? "," : "").append('"').append(runnerTags.get(i)).append('"');
            }
            b.append("]}");
        } else {
            b.append("null");
        }
        String pipelineStatus = status.equals("success") ? "running" : status;
        b.append(",\"project_id\":")
                .append(project)
                .append(",\"project_name\":\"")
                .append(path)
                .append("\",\"user\":{\"id\":7,\"name\":\"Bench User\",\"username\":\"bench\",")
                .append("\"avatar_url\":null,\"email\":\"bench@example.com\"},")
                .append("\"commit\":{\"id\":")
                .append(pipeline)
                .append(",\"name\":null,\"sha\":\"")
                .append(sha)
                .append("\",\"message\":\"Bench commit\\n\",\"author_name\":\"Bench User\",")
                .append("\"author_email\":\"bench@example.com\",\"author_url\":\"http://gitlab.example/bench\",")
                .append("\"status\":\"")
                .append(pipelineStatus)
                .append("\",\"duration\":null,\"started_at\":null,\"finished_at\":null,")
                .append("\"started_at_iso\":null,\"finished_at_iso\":null},")
                .append("\"repository\":{\"name\":\"p")
                .append(project)
                .append("\",\"url\":\"")
                .append(web)
                .append("\",\"description\":\"\",\"homepage\":\"")
                .append(web)
                .append("\",\"git_ssh_url\":\"git@gitlab.example:")
                .append(path)
                .append(".git\",\"git_http_url\":\"")
                .append(web)
                .append(".git\",\"visibility_level\":0},")
                .append("\"project\":{\"id\":")
                .append(project)
                .append(",\"name\":\"p")
                .append(project)
                .append("\",\"description\":\"\",\"web_url\":\"")
                .append(web)
                .append("\",\"avatar_url\":null,\"git_ssh_url\":\"git@gitlab.example:")
                .append(path)
                .append(".git\",\"git_http_url\":\"")
                .append(web)
                .append(".git\",\"namespace\":\"bench\",\"visibility_level\":0,\"path_with_namespace\":\"")
                .append(path)
                .append("\",\"default_branch\":\"main\",\"ci_config_path\":null},")
                .append("\"environment\":null");
        if (topTags != null) {
            b.append(",\"tags\":[");
            for (int i = 0; i < topTags.size(); i++) {
                b.append(i > 0 ? "," : "").append('"').append(topTags.get(i)).append('"');
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    /** GitLab's two spellings in a Job Hook: {@code 2021-02-23T02:41:37.886Z} and, for *_iso, whole seconds. */
    static String ts(Instant t, boolean millis) {
        if (t == null) {
            return "null";
        }
        return "\""
                + t.truncatedTo(millis ? java.time.temporal.ChronoUnit.MILLIS : java.time.temporal.ChronoUnit.SECONDS)
                + "\"";
    }

    /** POSTs a Job Hook with GitLab's headers: X-Gitlab-Event, X-Gitlab-Token, a fresh X-Gitlab-Event-UUID. */
    static HttpResponse<String> postHook(String adapter, String secret, String body) throws Exception {
        return HTTP.send(hookRequest(adapter, secret, body), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest hookRequest(String adapter, String secret, String body) {
        return HttpRequest.newBuilder(URI.create(adapter + "/webhooks/gitlab"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitLab/17.5.0")
                .header("X-Gitlab-Event", "Job Hook")
                .header("X-Gitlab-Token", secret)
                .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
                .header("X-Gitlab-Webhook-UUID", "6b0e4e7c-3c4e-4a55-9a51-1f5c6d0a1b2c")
                .header("X-Gitlab-Instance", "http://gitlab.example")
                .build();
    }

    // ------------------------------------------------------------------ helpers

    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()); // nearest rank
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
    }

    static String body(String url) throws Exception {
        return HTTP.send(get(url), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    static void sleepUntil(long epochMs) {
        long wait = epochMs - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void out(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
    }
}
