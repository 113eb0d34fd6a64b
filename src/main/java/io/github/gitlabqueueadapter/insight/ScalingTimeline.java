package io.github.gitlabqueueadapter.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.ScalersObserved;
import io.github.gitlabqueueadapter.domain.Seconds;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One queue's scaling timeline, in memory only: demand (the queue rose from empty, a burst of jobs, the queue
 * emptied), capacity (a runner took its first job for the queue, a runner unseen for {@code runnerGone} left), the
 * autoscaler's reads (first read after a pause, a reader that stopped) and what its KEDA objects showed, with the time
 * to capacity of each rise of demand. Bounded: events older than the retention go, at most {@code maxEvents} are kept,
 * and the runners, readers and KEDA objects it follows are capped like the queue's runner and reader logs. What was
 * added since is taken with {@link #drain()}, for what follows from it (Redis), and counted by type.
 */
public final class ScalingTimeline {

    /** What the timeline counts as events, and its bounds. */
    public record Limits(
            Duration retention,
            int maxEvents,
            int burstJobs,
            Duration runnerGone,
            Duration readerPause,
            Duration waitThreshold,
            int maxRunners,
            int maxReaders) {}

    /** The event types, as {@code type} shows them. */
    public static final String DEMAND = "demand";

    public static final String BURST = "burst";
    public static final String EMPTIED = "emptied";
    public static final String CAPACITY = "capacity";
    public static final String RUNNER_JOINED = "runner-joined";
    public static final String RUNNER_LEFT = "runner-left";
    public static final String READER_STARTED = "reader-started";
    public static final String READER_STOPPED = "reader-stopped";
    public static final String SCALER = "scaler";

    /** Every type, for metrics that must know their label values up front. */
    public static final List<String> TYPES = List.of(
            DEMAND, BURST, EMPTIED, CAPACITY, RUNNER_JOINED, RUNNER_LEFT, READER_STARTED, READER_STOPPED, SCALER);

    /** Most rises whose time to capacity is kept. */
    public static final int RISES = 10;

    /** Most KEDA objects followed per queue. */
    static final int MAX_SCALERS = 20;

    /**
     * One event, as {@code GET /queues/{kind}/{name}/events} shows it; only the fields of its type are present.
     *
     * @param text the event in one sentence, for people
     * @param jobs jobs waiting (demand), or joining within a minute (burst)
     * @param seconds the time to capacity ({@code capacity}), or how long a reader had paused
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            Instant at,
            String type,
            String text,
            Integer jobs,
            Long runnerId,
            String runner,
            String reader,
            Double seconds,
            String scaler,
            Integer desiredReplicas,
            Integer currentReplicas,
            Integer activeJobs) {

        static Event of(Instant at, String type, String text) {
            return new Event(at, type, text, null, null, null, null, null, null, null, null, null);
        }

        Event withJobs(int count) {
            return new Event(
                    at,
                    type,
                    text,
                    count,
                    runnerId,
                    runner,
                    reader,
                    seconds,
                    scaler,
                    desiredReplicas,
                    currentReplicas,
                    activeJobs);
        }

        Event withRunner(long id, String description) {
            return new Event(
                    at,
                    type,
                    text,
                    jobs,
                    id,
                    description,
                    reader,
                    seconds,
                    scaler,
                    desiredReplicas,
                    currentReplicas,
                    activeJobs);
        }

        Event withReader(String agent) {
            return new Event(
                    at,
                    type,
                    text,
                    jobs,
                    runnerId,
                    runner,
                    agent,
                    seconds,
                    scaler,
                    desiredReplicas,
                    currentReplicas,
                    activeJobs);
        }

        Event withSeconds(double value) {
            return new Event(
                    at,
                    type,
                    text,
                    jobs,
                    runnerId,
                    runner,
                    reader,
                    value,
                    scaler,
                    desiredReplicas,
                    currentReplicas,
                    activeJobs);
        }

        Event withScaler(String object, Integer desired, Integer current, Integer active) {
            return new Event(at, type, text, jobs, runnerId, runner, reader, seconds, object, desired, current, active);
        }
    }

    /**
     * One rise of demand: from the queue rising from empty until capacity caught up.
     *
     * @param caughtUpAt when the queue emptied or its waits fell under {@code adapter.scaling.wait-threshold}; null
     *     while the rise is still open
     * @param seconds the time to capacity; for an open rise, how long it has lasted so far
     * @param how {@code emptied}, {@code waits-under-threshold}, or {@code open}
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rise(Instant risenAt, Instant caughtUpAt, double seconds, String how) {}

    /**
     * The time to capacity of the last {@value #RISES} rises, newest first, with their median.
     *
     * @param medianSeconds absent before the first rise closed
     * @param open the rise still waiting for capacity, if any
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capacity(List<Rise> last, Double medianSeconds, Rise open) {}

    /** The last reading of one KEDA object that reads this queue. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scaler(
            String kind,
            String namespace,
            String name,
            Integer desiredReplicas,
            Integer currentReplicas,
            Integer activeJobs,
            Instant observedAt) {}

    private record Presence(String description, Instant lastSeenAt) {}

    private final Limits limits;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    /** Events added since the last {@link #drain()}, for what follows from them (Redis); bounded like the events. */
    private final ArrayDeque<Event> unshared = new ArrayDeque<>();

    private final ArrayDeque<Rise> rises = new ArrayDeque<>();
    private final Map<Long, Presence> runners = new LinkedHashMap<>();
    private final Map<String, Instant> readers = new LinkedHashMap<>();
    private final Map<String, Scaler> scalers = new LinkedHashMap<>();
    private final long[] counts = new long[TYPES.size()];
    private final long[] arrivalSecond = new long[60];
    private final int[] arrivalCount = new int[60];
    private boolean runnersKnown;
    private Integer lastPending;
    /** The first and the last sample: samples taken on several threads may arrive out of order. */
    private Instant firstSampleAt;

    private Instant lastSampleAt;
    private Instant lastRunnersAt;
    private Instant risenAt;
    private Instant lastBurstAt;

    public ScalingTimeline(Limits limits) {
        this.limits = limits;
    }

    /**
     * A sample of the queue: the first one is the baseline (a queue waiting then did not just rise); after it, empty to
     * waiting is demand, waiting to empty is emptied, and an open rise closes when capacity caught up.
     */
    public synchronized void sampled(Instant at, int pending, double oldestPendingSeconds) {
        if (lastSampleAt != null && at.isBefore(lastSampleAt)) {
            return; // older than the state already taken: it would undo a newer rise
        }
        firstSampleAt = firstSampleAt == null ? at : firstSampleAt;
        lastSampleAt = at;
        expire(at);
        if (lastPending != null && lastPending == 0 && pending > 0) {
            add(Event.of(at, DEMAND, "queue rose from empty: " + jobs(pending) + " waiting")
                    .withJobs(pending));
            risenAt = at;
        } else if (lastPending != null && lastPending > 0 && pending == 0) {
            add(Event.of(at, EMPTIED, "queue empty"));
        }
        if (risenAt != null && at.isAfter(risenAt)) {
            double lasted = seconds(risenAt, at);
            if (pending == 0) {
                close(at, lasted, "emptied");
            } else if (oldestPendingSeconds < limits.waitThreshold().toMillis() / 1000.0
                    && oldestPendingSeconds + 0.05 < lasted) { // waits are tenths: 10.04 s reads 10.0
                close(at, lasted, "waits-under-threshold");
            }
        }
        lastPending = pending;
    }

    /** {@code count} jobs joined the queue: {@code burstJobs} within a minute are a burst (one event a minute). */
    public synchronized void arrived(Instant at, int count) {
        expire(at);
        long s = at.getEpochSecond();
        int k = (int) Math.floorMod(s, 60L);
        if (arrivalSecond[k] != s) {
            arrivalSecond[k] = s;
            arrivalCount[k] = 0;
        }
        arrivalCount[k] += count;
        int lastMinute = 0;
        for (int i = 0; i < 60; i++) {
            if (s - arrivalSecond[i] < 60 && arrivalSecond[i] <= s) {
                lastMinute += arrivalCount[i];
            }
        }
        if (lastMinute >= limits.burstJobs() && (lastBurstAt == null || !at.isBefore(lastBurstAt.plusSeconds(60)))) {
            lastBurstAt = at;
            add(Event.of(at, BURST, "burst: " + jobs(lastMinute) + " joined within a minute")
                    .withJobs(lastMinute));
        }
    }

    /**
     * The runners running the queue's jobs now (id to description). A runner not followed yet joined (except at the
     * first call, the baseline); one unseen for {@code runnerGone} left.
     */
    public synchronized void runners(Instant at, Map<Long, String> running) {
        if (lastRunnersAt != null && at.isBefore(lastRunnersAt)) {
            return;
        }
        lastRunnersAt = at;
        expire(at);
        running.forEach((id, description) -> {
            Presence known = runners.remove(id);
            if (known == null && runnersKnown) {
                String name = description == null ? "runner " + id : "runner " + id + " (" + description + ")";
                add(Event.of(at, RUNNER_JOINED, name + " took its first job").withRunner(id, description));
            }
            runners.put(
                    id, new Presence(description != null ? description : known == null ? null : known.description, at));
        });
        while (runners.size() > limits.maxRunners()) {
            runners.remove(runners.keySet().iterator().next());
        }
        runnersKnown = true;
    }

    /** A read of the queue's endpoint by {@code agent}: its first, or its first after a pause, is an event. */
    public synchronized void read(Instant at, String agent) {
        expire(at);
        Instant last = readers.remove(agent);
        if (last == null) {

            add(Event.of(at, READER_STARTED, agent + " started reading").withReader(agent));
        }
        readers.put(agent, at);
        while (readers.size() > limits.maxReaders()) {
            readers.remove(readers.keySet().iterator().next());
        }
    }

    /**
     * What the cluster's KEDA objects reading this queue showed: a new object, a change of its numbers, and an object
     * that no longer reads the queue are events.
     */
    public synchronized void scalers(Instant at, List<ScalersObserved.Scaler> seen) {
        expire(at);
        Map<String, Scaler> now = new LinkedHashMap<>();
        for (ScalersObserved.Scaler s : seen) {
            if (now.size() >= MAX_SCALERS) {
                break;
            }
            String id = s.kind() + " " + s.namespace() + "/" + s.name();
            Scaler reading = new Scaler(
                    s.kind(), s.namespace(), s.name(), s.desiredReplicas(), s.currentReplicas(), s.activeJobs(), at);
            Scaler before = scalers.get(id);
            if (before == null || !sameNumbers(before, reading)) {
                add(Event.of(at, SCALER, id + ": " + numbers(reading))
                        .withScaler(id, s.desiredReplicas(), s.currentReplicas(), s.activeJobs()));
            }
            now.put(id, reading);
        }
        scalers.keySet().stream()
                .filter(id -> !now.containsKey(id))
                .toList()
                .forEach(id -> add(Event.of(at, SCALER, id + ": no longer reads this queue")
                        .withScaler(id, null, null, null)));
        scalers.clear();
        scalers.putAll(now);
    }

    /** The events at or after {@code from}, oldest first, with those that {@code now} brings (runners that left). */
    public synchronized List<Event> events(Instant from, Instant now) {
        expire(now);
        return events.stream().filter(e -> !e.at().isBefore(from)).toList();
    }

    /** Events that the passing of time makes: runners unseen and readers silent for too long. */
    public synchronized void advance(Instant now) {
        expire(now);
    }

    public synchronized Capacity capacity(Instant now) {
        List<Rise> last = List.copyOf(rises);
        Double median = null;
        if (!last.isEmpty()) {
            double[] sorted = last.stream().mapToDouble(Rise::seconds).sorted().toArray();
            int n = sorted.length;
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            median = Math.round(median * 10) / 10.0;
        }
        Rise open = risenAt == null ? null : new Rise(risenAt, null, seconds(risenAt, now), "open");
        return new Capacity(last, median, open);
    }

    /** The KEDA objects reading this queue at their last reading. */
    public synchronized List<Scaler> scalers() {
        return List.copyOf(scalers.values());
    }

    private Event close(Instant at, double lasted, String how) {
        Rise rise = new Rise(risenAt, at, Math.round(lasted * 10) / 10.0, how);
        rises.addFirst(rise);
        while (rises.size() > RISES) {
            rises.removeLast();
        }
        risenAt = null;
        String why =
                how.equals("emptied") ? "the queue emptied" : "waits under " + Texts.duration(limits.waitThreshold());
        return add(
                Event.of(at, CAPACITY, "capacity caught up after " + Texts.duration(rise.seconds()) + " (" + why + ")")
                        .withSeconds(rise.seconds()));
    }

    /** Runners unseen and readers silent past their limits, as events at the moment they crossed it. */
    private void expire(Instant now) {
        for (Iterator<Map.Entry<Long, Presence>> it = runners.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Presence> e = it.next();
            Instant goneAt = e.getValue().lastSeenAt().plus(limits.runnerGone());
            if (!goneAt.isAfter(now)) {
                it.remove();
                String description = e.getValue().description();
                String name = description == null
                        ? "runner " + e.getKey()
                        : "runner " + e.getKey() + " (" + description + ")";

                add(Event.of(goneAt, RUNNER_LEFT, name + " not seen for " + Texts.duration(limits.runnerGone()))
                        .withRunner(e.getKey(), description));
            }
        }
        for (Iterator<Map.Entry<String, Instant>> it = readers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            Instant stoppedAt = e.getValue().plus(limits.readerPause());
            if (!stoppedAt.isAfter(now)) {
                it.remove();
                add(Event.of(
                                stoppedAt,
                                READER_STOPPED,
                                e.getKey() + " has not read for " + Texts.duration(limits.readerPause()))
                        .withReader(e.getKey()));
            }
        }
        Instant cutoff = now.minus(limits.retention());
        while (!events.isEmpty() && events.peekFirst().at().isBefore(cutoff)) {
            events.removeFirst();
        }
    }

    /** When this timeline took its first sample (its baseline), or null before. */
    public synchronized Instant firstSampleAt() {
        return firstSampleAt;
    }

    /** The events added since the last call, oldest first. */
    public synchronized List<Event> drain() {
        List<Event> out = List.copyOf(unshared);
        unshared.clear();
        return out;
    }

    /**
     * Adds events kept elsewhere (by Redis, from before this replica started): those older than the first one this
     * timeline holds, and the time to capacity of their {@code capacity} events behind the rises seen here. They are
     * not counted (the counters are this replica's) nor drained. The bounds hold.
     */
    public synchronized void restore(List<Event> earlier) {
        Instant firstEvent = events.isEmpty() ? null : events.peekFirst().at();
        // from its first sample on, this replica saw for itself what the archive holds
        Instant first = firstSampleAt != null && (firstEvent == null || firstSampleAt.isBefore(firstEvent))
                ? firstSampleAt
                : firstEvent;
        List<Event> older = earlier.stream()
                .filter(e -> first == null || e.at().isBefore(first))
                .sorted(Comparator.comparing(Event::at))
                .toList();
        List<Event> all = new ArrayList<>(older);
        all.addAll(events);
        events.clear();
        events.addAll(all);
        while (events.size() > limits.maxEvents()) {
            events.removeFirst();
        }
        for (int i = older.size() - 1; i >= 0 && rises.size() < RISES; i--) {
            Event e = older.get(i);
            if (CAPACITY.equals(e.type()) && e.seconds() != null) {
                Instant risen = e.at().minusMillis(Math.round(e.seconds() * 1000));
                String how = e.text() != null && e.text().endsWith("(the queue emptied)")
                        ? "emptied"
                        : "waits-under-threshold";
                rises.addLast(new Rise(risen, e.at(), e.seconds(), how));
            }
        }
    }

    /** Events of {@code type} made since this queue's memory was made (they stay counted when trimmed). */
    public synchronized long count(String type) {
        int k = TYPES.indexOf(type);
        return k < 0 ? 0 : counts[k];
    }

    /** Keeps the events in time order (one made by time passing can be older than the newest). */
    private Event add(Event event) {
        counts[TYPES.indexOf(event.type())]++;
        unshared.addLast(event);
        while (unshared.size() > limits.maxEvents()) {
            unshared.removeFirst();
        }
        if (events.isEmpty() || !events.peekLast().at().isAfter(event.at())) {
            events.addLast(event);
        } else {
            List<Event> all = new ArrayList<>(events);
            all.add(event);
            all.sort(Comparator.comparing(Event::at));
            events.clear();
            events.addAll(all);
        }
        while (events.size() > limits.maxEvents()) {
            events.removeFirst();
        }
        return event;
    }

    private static boolean sameNumbers(Scaler a, Scaler b) {
        return Objects.equals(a.desiredReplicas(), b.desiredReplicas())
                && Objects.equals(a.currentReplicas(), b.currentReplicas())
                && Objects.equals(a.activeJobs(), b.activeJobs());
    }

    private static String numbers(Scaler s) {
        if (s.activeJobs() != null) {
            return s.activeJobs() + " active jobs";
        }
        return "desired " + (s.desiredReplicas() == null ? "?" : s.desiredReplicas()) + ", current "
                + (s.currentReplicas() == null ? "?" : s.currentReplicas());
    }

    private static String jobs(int n) {
        return n == 1 ? "1 job" : n + " jobs";
    }

    private static double seconds(Instant from, Instant to) {
        return Seconds.between(from, to);
    }
}
