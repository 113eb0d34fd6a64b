package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.announcements.PollsStored;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Polls each watched project on its own cadence ({@link PollSchedule}, {@link PollCadence}): every
 * {@code adapter.poll-interval}, or every {@code adapter.reconcile-interval} while its job events arrive; a few
 * projects at a time, and stores each result as a new snapshot. A slow or hanging project delays only itself. Readers
 * never wait on this: they read the store.
 *
 * <p>What the other packages ask of polling; the work is done by {@link PollScheduler} (booking and running polls),
 * {@link ProjectPoller} (one poll), {@link PollFailures}, {@link PollLateness}, {@link ReadsAfterEvents} (reads for
 * tags and doubted events) and {@link PollWorkers} (the threads, and their stop at shutdown). They all log as this
 * class.
 */
@ApplicationScoped
public class QueuePoller {

    private final WatchedProjects watched;
    private final ProjectPoller poller;
    private final PollWorkers workers;
    private final PollLateness lateness;
    private final Event<PollsStored> pollsStored;

    QueuePoller(
            WatchedProjects watched,
            ProjectPoller poller,
            PollWorkers workers,
            PollLateness lateness,
            Event<PollsStored> pollsStored) {
        this.watched = watched;
        this.poller = poller;
        this.workers = workers;
        this.lateness = lateness;
        this.pollsStored = pollsStored;
    }

    /** The time between two polls of a project not fed by events now: the interval, or longer while polls run late. */
    public Duration effectiveInterval() {
        return lateness.effectiveInterval();
    }

    /** Polls every watched project now, {@code adapter.poll-concurrency} at a time; returns when all are done. */
    public void pollAll() {
        List<Callable<Void>> tasks = watched.all().stream()
                .<Callable<Void>>map(project -> () -> {
                    poller.poll(project, true);
                    return null;
                })
                .toList();
        try {
            workers.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollsStored.fire(new PollsStored());
    }

    /** Polls one project and records the outcome: a new snapshot, or the failure beside the last good snapshot. */
    public void poll(ProjectRef project) {
        poller.poll(project, false);
    }
}
