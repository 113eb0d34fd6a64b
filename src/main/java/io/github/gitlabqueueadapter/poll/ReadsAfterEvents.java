package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.domain.announcements.JobEventDoubted;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.domain.announcements.ReaderAsked;
import io.github.gitlabqueueadapter.watch.BudgetDemand;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a project from GitLab soon after job events that cannot say everything: a pending job without its tags, where
 * tags count, and an event that could not be judged from memory. Reads are coalesced: further events of a project
 * until its read starts ask for no other.
 */
@ApplicationScoped
class ReadsAfterEvents implements ResetForTests {

    /** How long a read for tags waits for more events of the same project. */
    static final Duration EVENT_READ_DELAY = Duration.ofMillis(250);
    /**
     * Least time between two reads for tags of one project: while new pending jobs keep arriving, at most two reads a
     * second, each counting every job that arrived since; a job waits at most this long plus one read for its tags.
     */
    static final Duration TAG_READ_GAP = Duration.ofMillis(500);

    private final QueueCatalog catalog;
    private final WatchedProjects watched;
    private final PollWorkers workers;
    private final PollScheduler scheduler;
    private final BudgetDemand budget;
    private final Clock clock;
    private final Set<ProjectRef> readsDue = ConcurrentHashMap.newKeySet();
    /** When each project's last read for tags started (nanoTime); a project that leaves is forgotten. */
    private final Map<ProjectRef, Long> lastTagRead = new ConcurrentHashMap<>();
    /** Projects whose endpoint was read with {@code ?tags=}: their pending jobs' tags are read like a pool's. */
    private final Set<ProjectRef> readByTags = ConcurrentHashMap.newKeySet();
    /** Moves at each reset: a read booked before it does not happen (a test's read must not land in the next test). */
    private final AtomicLong generation = new AtomicLong();

    ReadsAfterEvents(
            QueueCatalog catalog,
            WatchedProjects watched,
            PollWorkers workers,
            PollScheduler scheduler,
            BudgetDemand budget,
            Clock clock) {
        this.catalog = catalog;
        this.watched = watched;
        this.workers = workers;
        this.scheduler = scheduler;
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * A job event added a pending job without its tags (GitLab's Job Hook carries none), and a pool that filters by
     * tags counts the project (or its endpoint was read with {@code ?tags=}): the project is read from GitLab soon, so
     * that those count it too. Reads wait {@link #EVENT_READ_DELAY} for more events of the same project: a pipeline
     * that queues fifty jobs at once costs a read or two, not fifty. Without such a pool no read is needed.
     */
    void readTagsSoon(@Observes JobEventApplied applied) {
        ProjectRef project = applied.project();
        boolean tagless = applied.state().lastGood() != null
                && applied.state().lastGood().jobs().stream().anyMatch(j -> j.isPending() && !j.tagsKnown());
        if (!tagless
                || workers.stopping()
                || !(catalog.countedByTags(project) || readByTags.contains(project))
                || !readsDue.add(project)) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastTagRead.get(project);
        long wait = Math.max(EVENT_READ_DELAY.toNanos(), last == null ? 0 : last + TAG_READ_GAP.toNanos() - now);
        readSoon(project, wait, () -> lastTagRead.put(project, System.nanoTime()));
    }

    /**
     * A job event could not be judged from memory (its job may have finished long ago) and was not counted: the
     * project is read from GitLab soon, coalesced with other reads due, so that the job counts if it really waits.
     */
    void readWhenDoubted(@Observes JobEventDoubted doubted) {
        if (!workers.stopping() && readsDue.add(doubted.project())) {
            readSoon(doubted.project(), EVENT_READ_DELAY.toNanos(), () -> {});
        }
    }

    /** Reads a project in {@code nanos}, once: further events until then ask for no other read. */
    private void readSoon(ProjectRef project, long nanos, Runnable before) {
        long booked = generation.get();
        try {
            workers.timeIn(nanos, () -> {
                if (generation.get() != booked) {
                    return;
                }
                readsDue.remove(project); // an event from now on asks for another read
                before.run();
                budget.readBesidePolls(clock.instant()); // the request budget's arithmetic counts it
                scheduler.pollNow(project, false);
            });
        } catch (RejectedExecutionException e) {
            readsDue.remove(project);
        }
    }

    /** A read with {@code ?tags=} of a project's endpoint: from now on its tagless pending jobs are read for tags. */
    void readWithTags(@Observes ReaderAsked read) {
        if (read.byTags() && read.queue().kind() == QueueKind.PROJECT) {
            watched.find(ProjectRef.parse(read.queue().name())).ifPresent(readByTags::add);
        }
    }

    /** Forgets every read booked or done, and which projects were read by tags: a test starts afresh. */
    @Override
    public void reset() {
        generation.incrementAndGet();
        readsDue.clear();
        lastTagRead.clear();
        readByTags.clear();
    }

    /** A project that left needs no tags read. */
    void forget(@Observes ProjectLeft left) {
        readByTags.remove(left.project());
        lastTagRead.remove(left.project());
    }
}
