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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement clients for bench/run.sh. Each prints {@code RESULT key=value} lines that run.sh reads.
 *
 * <pre>
 * java BenchClient readers   ADAPTER SIM PROJECT READERS SECONDS INTERVAL_S
 * java BenchClient freshness webhook|poll ADAPTER SIM PROJECT TRIALS SECRET INTERVAL_MS
 * java BenchClient soak      ADAPTER SIM PROJECT PHASE_S PHASES MAX_STALENESS_S PID SLOW_MS RETRY_AFTER_S LOG
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
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
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
     * A job becomes pending at the simulator (its own timestamp); with "webhook" a Job Hook follows at once, as GitLab
     * sends it. The adapter is then read every 2 ms until {@code pending} counts the job. Latency = seen - pending at
     * sim.
     */
    static void freshness(
            String how, String adapter, String sim, String project, int trials, String secret, long intervalMs)
            throws Exception {
        String url = adapter + "/queues/projects/" + project;
        long pending = pending(url);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            // a random phase against the poll rounds (and, for webhooks, a pause that lets the poll settle)
            Thread.sleep(
                    how.equals("poll")
                            ? ThreadLocalRandom.current().nextLong(50, intervalMs + 50)
                            : ThreadLocalRandom.current().nextLong(50, 150));
            String added = post(sim + "/_sim/jobs?project=" + project + "&status=pending&tags=docker", "", Map.of());
            long id = number(added, "id");
            long atMicros = number(added, "atMicros");
            long expected = number(added, "pending");
            if (how.equals("webhook")) {
                String created = Instant.ofEpochSecond(atMicros / 1_000_000, (atMicros % 1_000_000) * 1000)
                        .toString();
                String hook = "{\"object_kind\":\"build\",\"ref\":\"main\",\"tag\":false,"
                        + "\"before_sha\":\"0000000000000000000000000000000000000000\","
                        + "\"sha\":\"2b8d0f5e1c3a4b6d8e9f0a1b2c3d4e5f60718293\",\"retries_count\":0,"
                        + "\"build_id\":"
                        + id
                        + ",\"build_name\":\"unit\",\"build_stage\":\"test\",\"build_status\":\"pending\","
                        + "\"build_created_at\":\""
                        + created
                        + "\",\"build_started_at\":null,\"build_finished_at\":null,\"build_duration\":null,"
                        + "\"build_queued_duration\":0.01,\"build_allow_failure\":false,"
                        + "\"build_failure_reason\":\"unknown_failure\","
                        + "\"pipeline_id\":500001,\"runner\":null,\"project_id\":" + project
                        + ",\"project_name\":\"bench / p" + project
                        + "\",\"user\":{\"id\":7,\"name\":\"Bench User\",\"username\":\"bench\"},"
                        + "\"commit\":{\"id\":500001,\"name\":null,"
                        + "\"sha\":\"2b8d0f5e1c3a4b6d8e9f0a1b2c3d4e5f60718293\",\"status\":\"pending\"},"
                        + "\"repository\":{\"name\":\"p" + project + "\"},"
                        + "\"project\":{\"id\":" + project + ",\"name\":\"p" + project
                        + "\",\"path_with_namespace\":\"bench/p" + project + "\"},"
                        + "\"environment\":null,\"tags\":[\"docker\"]}";
                String answer = post(
                        adapter + "/webhooks/gitlab",
                        hook,
                        Map.of(
                                "X-Gitlab-Event",
                                "Job Hook",
                                "X-Gitlab-Token",
                                secret,
                                "X-Gitlab-Event-UUID",
                                UUID.randomUUID().toString()));
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
