package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.JobWait;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.domain.announcements.JobWaited;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.domain.announcements.StateShared;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Writes how long jobs waited and the timeline's demand bursts, observing every new state of a project (a poll, a job
 * event, another replica's write): each job seen starting gives one wait to every queue that counts it, each job seen
 * waiting for the first time one arrival. Also records what the cluster's KEDA objects showed, beside the timeline.
 */
@ApplicationScoped
public class ScalingRecorder implements ResetForTests {

    private final QueueCatalog catalog;
    private final WatchedProjects watched;
    private final QueueMemories insight;
    private final Clock clock;
    private final Event<JobWaited> waited;
    private final TimelineSharing sharing;
    private final ConcurrentHashMap<ProjectRef, JobMoves> moves = new ConcurrentHashMap<>();

    ScalingRecorder(
            QueueCatalog catalog,
            WatchedProjects watched,
            QueueMemories insight,
            Clock clock,
            Event<JobWaited> waited,
            TimelineSharing sharing) {
        this.catalog = catalog;
        this.watched = watched;
        this.insight = insight;
        this.clock = clock;
        this.waited = waited;
        this.sharing = sharing;
    }

    /** A failed poll changes no job. */
    void polled(@Observes ProjectPolled polled) {
        if (polled.state().lastFailure() == null) {
            observe(polled.project(), polled.state(), null);
        }
    }

    /** A job event: its own job carries the wait GitLab sent, and may be seen here only as finished. */
    void applied(@Observes JobEventApplied applied) {
        JobState job = applied.job();
        boolean finished = job != null && !job.isPending() && !job.isRunning();
        observe(applied.project(), applied.state(), finished ? job : null);
    }

    void shared(@Observes StateShared shared) {
        observe(shared.project(), shared.state(), null);
    }

    void left(@Observes ProjectLeft left) {
        moves.remove(left.project());
    }

    /** Forgets every project's last jobs: the next state of each is a baseline again (tests start afresh). */
    @Override
    public void reset() {
        moves.clear();
    }

    /** Every watched queue gets the KEDA objects that read it; a queue no object reads gets none. */
    void scalers(@Observes ScalersObserved observed) {
        Map<QueueKey, List<ScalersObserved.Scaler>> byQueue =
                observed.scalers().stream().collect(Collectors.groupingBy(ScalersObserved.Scaler::queue));
        Set<QueueKey> all = Set.copyOf(catalog.all());
        for (QueueKey key : all) {
            List<ScalersObserved.Scaler> reading = byQueue.getOrDefault(key, List.of());
            if (!reading.isEmpty() || insight.find(key).isPresent()) {
                QueueMemories.QueueMemory memory = insight.of(key);
                memory.timeline().scalers(observed.at(), reading);
                sharing.share(key, memory);
            }
        }
    }

    private void observe(ProjectRef project, ProjectState state, JobState finished) {
        if (state.lastGood() == null || !watched.isWatched(project)) {
            return;
        }
        JobMoves.Moves seen = moves.computeIfAbsent(project, p -> new JobMoves())
                .observe(state.lastGood().jobs(), finished);
        if (seen == JobMoves.Moves.NONE) {
            return;
        }
        Instant now = clock.instant();
        Instant observedAt = state.lastGood().observedAt();
        for (QueueKey key : catalog.countedBy(project)) {
            QueueFilter filter = catalog.filter(key).in(project);
            QueueMemories.QueueMemory memory = insight.of(key);
            int arrivals = (int) seen.arrived().stream()
                    .filter(job -> filter.countsPending(job, JobWait.seconds(job, observedAt, now)))
                    .count(); // an overflow pool's arrivals are those that had waited its overflow-after already
            if (arrivals > 0) {
                memory.timeline().arrived(now, arrivals);
                sharing.share(key, memory);
            }
            seen.started().stream()
                    .filter(filter::countsStart)
                    .forEach(job -> waitedFor(key, memory, job.queuedSeconds(), false, now));
            JobState unseen = seen.finishedUnseen();
            if (unseen != null && unseen.runnerId() != null && filter.countsStart(unseen)) {
                memory.waits().seenOnlyFinished();
                waited.fire(new JobWaited(key, null, true));
            }
        }
    }

    private void waitedFor(
            QueueKey key, QueueMemories.QueueMemory memory, Double seconds, boolean onlyFinished, Instant now) {
        if (seconds != null) {
            memory.waits().record(now, seconds);
            sharing.waited(key, now, seconds);
        }
        waited.fire(new JobWaited(key, seconds, onlyFinished));
    }
}
