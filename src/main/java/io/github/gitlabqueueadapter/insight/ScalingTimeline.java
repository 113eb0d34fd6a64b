package io.github.gitlabqueueadapter.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One queue's scaling timeline, in memory only: demand (the queue rose from empty, a burst of jobs, the queue
 * emptied), capacity (a runner took its first job for the queue, a runner unseen for {@code runnerGone} left), the
 * autoscaler's reads (first read after a pause, a reader that stopped) and what its KEDA objects showed, with the time
 * to capacity of each rise of demand. Bounded: events older than the retention go, at most {@code maxEvents} are kept,
 * and the runners, readers and KEDA objects it follows are capped like the queue's runner and reader logs. What was
 * added since is taken with {@link #drain()}, for what follows from it (Redis), and counted by type. Each kind of
 * event has its tracker ({@link DemandTracker}, {@link BurstTracker}, {@link RunnerTracker}, {@link ReaderTracker},
 * {@link ScalerTracker}); this class keeps their events in time order and guards them.
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

    /** Most rises whose time to capacity is kept. */
    public static final int RISES = 10;

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

    private final Limits limits;
    private final ArrayDeque<TimelineEvent> events = new ArrayDeque<>(2); // grown on demand: most queues see few
    /** Events added since the last {@link #drain()}, for what follows from them (Redis); bounded like the events. */
    private final ArrayDeque<TimelineEvent> unshared = new ArrayDeque<>(2);

    private final long[] counts = new long[TimelineEvent.Type.values().length];
    private final DemandTracker demand;
    private final BurstTracker bursts;
    private final RunnerTracker runners;
    private final ReaderTracker readers;
    private final ScalerTracker scalers = new ScalerTracker();

    public ScalingTimeline(Limits limits) {
        this.limits = limits;
        this.demand = new DemandTracker(limits.waitThreshold());
        this.bursts = new BurstTracker(limits.burstJobs());
        this.runners = new RunnerTracker(limits.runnerGone(), limits.maxRunners());
        this.readers = new ReaderTracker(limits.readerPause(), limits.maxReaders());
    }

    /**
     * A sample of the queue: the first one is the baseline (a queue waiting then did not just rise); after it, empty to
     * waiting is demand, waiting to empty is emptied, and an open rise closes when capacity caught up.
     */
    public synchronized void sampled(Instant at, int pending, double oldestPendingSeconds) {
        if (demand.outOfOrder(at)) {
            return; // older than the state already taken: it would undo a newer rise
        }
        expire(at);
        addAll(demand.sampled(at, pending, oldestPendingSeconds));
    }

    /** {@code count} jobs joined the queue: {@code burstJobs} within a minute are a burst (one event a minute). */
    public synchronized void arrived(Instant at, int count) {
        expire(at);
        addAll(bursts.arrived(at, count));
    }

    /**
     * The runners running the queue's jobs now (id to description). A runner not followed yet joined (except at the
     * first call, the baseline); one unseen for {@code runnerGone} left.
     */
    public synchronized void runners(Instant at, Map<Long, String> running) {
        if (runners.outOfOrder(at)) {
            return;
        }
        expire(at);
        addAll(runners.running(at, running));
    }

    /** A read of the queue's endpoint by {@code agent}: its first, or its first after a pause, is an event. */
    public synchronized void read(Instant at, String agent) {
        expire(at);
        addAll(readers.read(at, agent));
    }

    /**
     * What the cluster's KEDA objects reading this queue showed: a new object, a change of its numbers, and an object
     * that no longer reads the queue are events.
     */
    public synchronized void scalers(Instant at, List<ScalersObserved.Scaler> seen) {
        expire(at);
        addAll(scalers.seen(at, seen));
    }

    /** The events at or after {@code from}, oldest first, with those that {@code now} brings (runners that left). */
    public synchronized List<TimelineEvent> events(Instant from, Instant now) {
        expire(now);
        return events.stream().filter(e -> !e.at().isBefore(from)).toList();
    }

    /** Events that the passing of time makes: runners unseen and readers silent for too long. */
    public synchronized void advance(Instant now) {
        expire(now);
    }

    public synchronized Capacity capacity(Instant now) {
        return demand.capacity(now);
    }

    /** The KEDA objects reading this queue at their last reading. */
    public synchronized List<Scaler> scalers() {
        return scalers.scalers();
    }

    /** Runners unseen and readers silent past their limits, as events at the moment they crossed it. */
    private void expire(Instant now) {
        addAll(runners.expire(now));
        addAll(readers.expire(now));
        Instant cutoff = now.minus(limits.retention());
        while (!events.isEmpty() && events.peekFirst().at().isBefore(cutoff)) {
            events.removeFirst();
        }
    }

    /** When this timeline took its first sample (its baseline), or null before. */
    public synchronized Instant firstSampleAt() {
        return demand.firstSampleAt();
    }

    /** The events added since the last call, oldest first. */
    public synchronized List<TimelineEvent> drain() {
        List<TimelineEvent> out = List.copyOf(unshared);
        unshared.clear();
        return out;
    }

    /**
     * Adds events kept elsewhere (by Redis, from before this replica started): those older than the first one this
     * timeline holds, and the time to capacity of their {@code capacity} events behind the rises seen here. They are
     * not counted (the counters are this replica's) nor drained. The bounds hold.
     */
    public synchronized void restore(List<TimelineEvent> earlier) {
        Instant firstEvent = events.isEmpty() ? null : events.peekFirst().at();
        Instant firstSampleAt = demand.firstSampleAt();
        // from its first sample on, this replica saw for itself what the archive holds
        Instant first = firstSampleAt != null && (firstEvent == null || firstSampleAt.isBefore(firstEvent))
                ? firstSampleAt
                : firstEvent;
        List<TimelineEvent> older = earlier.stream()
                .filter(e -> first == null || e.at().isBefore(first))
                .sorted(Comparator.comparing(TimelineEvent::at))
                .toList();
        List<TimelineEvent> all = new ArrayList<>(older);
        all.addAll(events);
        events.clear();
        events.addAll(all);
        while (events.size() > limits.maxEvents()) {
            events.removeFirst();
        }
        demand.restore(older);
    }

    /** Events of {@code type} made since this queue's memory was made (they stay counted when trimmed). */
    public synchronized long count(TimelineEvent.Type type) {
        return counts[type.ordinal()];
    }

    private void addAll(List<TimelineEvent> added) {
        added.forEach(this::add);
    }

    /** Keeps the events in time order (one made by time passing can be older than the newest). */
    private void add(TimelineEvent event) {
        counts[event.type().ordinal()]++;
        unshared.addLast(event);
        while (unshared.size() > limits.maxEvents()) {
            unshared.removeFirst();
        }
        if (events.isEmpty() || !events.peekLast().at().isAfter(event.at())) {
            events.addLast(event);
        } else {
            List<TimelineEvent> all = new ArrayList<>(events);
            all.add(event);
            all.sort(Comparator.comparing(TimelineEvent::at));
            events.clear();
            events.addAll(all);
        }
        while (events.size() > limits.maxEvents()) {
            events.removeFirst();
        }
    }
}
