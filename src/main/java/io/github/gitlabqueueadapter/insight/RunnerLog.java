package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.JobState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runners seen running one queue's jobs: each with the jobs it runs now and when it was last seen running one.
 * Built from snapshots only (a pending job has no runner). Runners unseen for longer than the retention are dropped,
 * and at most {@code maxRunners} are kept (the longest unseen go first).
 */
public final class RunnerLog {

    /** One runner as {@code GET /queues/{kind}/{name}/runners} shows it. */
    @RegisterForReflection
    public record Runner(long id, String description, int jobsNow, Instant lastSeenAt) {}

    private final Duration retention;
    private final int maxRunners;
    private final Map<Long, Runner> runners = new HashMap<>();

    public RunnerLog(Duration retention, int maxRunners) {
        this.retention = retention;
        this.maxRunners = Math.max(1, maxRunners);
    }

    /** Records what the queue's running jobs show at {@code now}; runners not among them run nothing now. */
    public synchronized void observe(List<JobState> running, Instant now) {
        Map<Long, Runner> current = new LinkedHashMap<>();
        for (JobState job : running) {
            if (job.runnerId() == null) {
                continue;
            }
            current.merge(
                    job.runnerId(),
                    new Runner(job.runnerId(), job.runnerDescription(), 1, now),
                    (a, b) -> new Runner(
                            a.id(), a.description() != null ? a.description() : b.description(), a.jobsNow() + 1, now));
        }
        runners.replaceAll((id, r) ->
                current.containsKey(id) ? current.get(id) : new Runner(r.id(), r.description(), 0, r.lastSeenAt()));
        current.forEach(runners::putIfAbsent);
        trim(now);
    }

    /** Drops runners unseen for the retention, then the longest unseen past {@code maxRunners}. */
    private void trim(Instant now) {
        Instant cutoff = now.minus(retention);
        runners.values().removeIf(r -> r.lastSeenAt().isBefore(cutoff));
        while (runners.size() > maxRunners) {
            runners.values().stream()
                    .min(Comparator.comparing(Runner::lastSeenAt))
                    .map(Runner::id)
                    .ifPresent(runners::remove);
        }
    }

    /**
     * Adds runners kept elsewhere (by Redis, from before this replica started), as running nothing now; a runner seen
     * here already keeps what was seen here. The bounds hold.
     */
    public synchronized void restore(List<Runner> known, Instant now) {
        known.forEach(r -> runners.putIfAbsent(r.id(), new Runner(r.id(), r.description(), 0, r.lastSeenAt())));
        trim(now);
    }

    /** The runners, busiest first, then the most recently seen. */
    public synchronized List<Runner> runners() {
        List<Runner> out = new ArrayList<>(runners.values());
        out.sort(Comparator.comparingInt(Runner::jobsNow)
                .reversed()
                .thenComparing(Runner::lastSeenAt, Comparator.reverseOrder())
                .thenComparingLong(Runner::id));
        return out;
    }

    /** Runners running at least one of the queue's jobs at the last observation. */
    public synchronized int busy() {
        return (int) runners.values().stream().filter(r -> r.jobsNow() > 0).count();
    }
}
