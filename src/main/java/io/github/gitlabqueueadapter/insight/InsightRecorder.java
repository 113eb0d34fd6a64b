package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.domain.announcements.PollsStored;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import io.github.gitlabqueueadapter.domain.announcements.ReaderAsked;
import io.github.gitlabqueueadapter.domain.announcements.StateShared;
import io.github.gitlabqueueadapter.store.HistoryArchive;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.github.gitlabqueueadapter.watch.QueueMeasurer;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the queues' history, observing what the store announces: after every poll and every applied job event (on
 * this replica, or on another one sharing Redis), one
 * sample for the project's queue and for each pool and group that counts it (for scheduled polls, once a second for
 * all of them), and what their running jobs say of the runners; a pool with warm-up also feeds its weekly profile
 * ({@link DemandProfiles}). Samples are counted from the store by {@link QueueMeasurer}, not through the readers'
 * answers.
 */
@ApplicationScoped
public class InsightRecorder {

    private final QueueMeasurer measurer;
    private final QueueCatalog catalog;
    private final WatchedProjects watched;
    private final QueueMemories insight;
    private final HistoryArchive archive;
    private final TimelineSharing sharing;
    private final DemandProfiles profiles;
    private final Clock clock;

    InsightRecorder(
            QueueMeasurer measurer,
            QueueCatalog catalog,
            WatchedProjects watched,
            QueueMemories insight,
            HistoryArchive archive,
            TimelineSharing sharing,
            DemandProfiles profiles,
            Clock clock) {
        this.measurer = measurer;
        this.catalog = catalog;
        this.watched = watched;
        this.insight = insight;
        this.archive = archive;
        this.sharing = sharing;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** A scheduled poll samples the project only: {@link PollsStored} samples its pools and groups once. */
    void polled(@Observes ProjectPolled polled) {
        if (polled.batched()) {
            sampleIfWatched(polled.project(), List.of(QueueKey.of(polled.project())));
        } else {
            sampleIfWatched(polled.project(), catalog.countedBy(polled.project()));
        }
    }

    void applied(@Observes JobEventApplied applied) {
        sampleIfWatched(applied.project(), catalog.countedBy(applied.project()));
    }

    /**
     * Another replica polled the project or took its job event: sampled here as a scheduled poll is (the project now,
     * its pools and groups at the next {@link PollsStored}), so every replica keeps the same history.
     */
    void shared(@Observes StateShared shared) {
        sampleIfWatched(shared.project(), List.of(QueueKey.of(shared.project())));
    }

    /**
     * Scheduled polls stored their outcomes: every pool and group once; and the memory of any queue no longer watched
     * goes (one a late sample or read made just after its project left).
     */
    void pollsStored(@Observes PollsStored stored) {
        Instant now = clock.instant();
        catalog.all(QueueKind.POOL).forEach(key -> sample(key, now));
        catalog.all(QueueKind.GROUP).forEach(key -> sample(key, now));
        HashSet<QueueKey> all = new HashSet<>(catalog.all());
        insight.retain(all);
        archive.retain(all);
    }

    /** A project that left takes its history, runners and readers along. */
    void left(@Observes ProjectLeft left) {
        insight.forget(QueueKey.of(left.project()));
    }

    /** The runners of {@code running}, by id, each with its description where one job gives it. */
    private static Map<Long, String> runnerNames(List<JobState> running) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (JobState job : running) {
            if (job.runnerId() != null) {
                names.merge(
                        job.runnerId(),
                        job.runnerDescription() == null ? "" : job.runnerDescription(),
                        (a, b) -> a.isEmpty() ? b : a);
            }
        }
        names.replaceAll((id, name) -> name.isEmpty() ? null : name);
        return names;
    }

    /** A read of a queue's endpoint. */
    void read(@Observes ReaderAsked read) {
        insight.read(read.queue(), read.userAgent());
    }

    /**
     * The time is taken before the numbers, so when a poll and a job event sample one pool at once, the older
     * measurement carries the older time and the history keeps the newer one.
     */
    private void sampleIfWatched(ProjectRef project, List<QueueKey> keys) {
        if (!watched.isWatched(project)) {
            return;
        }
        Instant now = clock.instant();
        keys.forEach(key -> sample(key, now));
    }

    /**
     * A queue with no number now (503) gets no sample (its chart shows a gap), and none of its runners counts as busy.
     */
    private void sample(QueueKey key, Instant now) {
        QueueMemories.QueueMemory memory = insight.of(key);
        measurer.measure(key, now)
                .available()
                .ifPresentOrElse(
                        measurement -> {
                            int forecast = insight.forecast(key, measurement.pending());
                            Sample sample = new Sample(
                                    now,
                                    measurement.pending(),
                                    measurement.running(),
                                    measurement.oldestPendingSeconds(),
                                    forecast);
                            memory.history().record(sample);
                            profiles.sampled(key, now, measurement.pending() + measurement.running());
                            List<JobState> running = measurer.running(key, now);
                            memory.runners().observe(running, now);
                            // runners first: "runner joined" reads before the "queue empty" it brought
                            // a pool's runners are those running the jobs it would wait for (its tags, or its ids)
                            QueueFilter filter = catalog.filter(key);
                            memory.timeline()
                                    .runners(
                                            now,
                                            runnerNames(running.stream()
                                                    .filter(filter::countsStart)
                                                    .toList()));
                            memory.timeline().sampled(now, measurement.pending(), measurement.oldestPendingSeconds());
                            sharing.share(key, memory);
                            archive.sample(key, HistoryRestore.archived(sample), () -> HistoryRestore.archived(memory));
                        },
                        () -> memory.runners().observe(List.of(), now));
    }
}
