package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether polls start late, that is more than their interval after they were due (the request budget or the workers
 * hold them): warned once when it starts, with its likely cause, and logged once when it is over; while it lasts, the
 * time between two polls is longer than the interval. Times are {@link System#nanoTime()}, passed in.
 */
@ApplicationScoped
class PollLateness {

    /** Logs as the poller: the category operators filter on stays one. */
    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    /** Poll intervals in a row with no late poll before lateness counts as over (and its end is logged once). */
    private static final int INTERVALS_TO_END_LATENESS = 3;

    private final GitLabClient gitlab;
    private final PollCadence cadence;
    /** Lateness: when the last poll started more than an interval after it was due (nanoTime), and by how much. */
    private final AtomicBoolean late = new AtomicBoolean();

    private volatile long lastLateAt;
    private volatile long lastLateness;
    private volatile Duration pausedBeforeLate = Duration.ZERO;

    PollLateness(GitLabClient gitlab, PollCadence cadence) {
        this.gitlab = gitlab;
        this.cadence = cadence;
    }

    /** A poll that started {@code lateness} after it was due, at {@code now}. */
    void started(long lateness, Duration interval, long now) {
        if (lateness <= interval.toNanos()) {
            if (!late.get()) {
                pausedBeforeLate = gitlab.rateLimitPaused();
            }
            return;
        }
        lastLateAt = now;
        lastLateness = lateness;
        if (late.compareAndSet(false, true)) {
            warnLate(lateness, gitlab.rateLimitPaused().compareTo(pausedBeforeLate) > 0);
        }
    }

    /** Ends lateness once no poll was late for {@value #INTERVALS_TO_END_LATENESS} intervals. */
    void endWhenOver(long now) {
        if (late.get()
                && now - lastLateAt > cadence.pollInterval().toNanos() * INTERVALS_TO_END_LATENESS
                && late.compareAndSet(true, false)) {
            LOG.infof("Polls start on time again (adapter.poll-interval %s)", seconds(cadence.pollInterval()));
        }
    }

    /** The time between two polls of a project not fed by events now: the interval, or longer while polls run late. */
    Duration effectiveInterval() {
        return late.get() ? cadence.pollInterval().plusNanos(lastLateness) : cadence.pollInterval();
    }

    /** Once when polls start to run late; one poll on time between late ones ends nothing. */
    private void warnLate(long lateness, boolean rateLimited) {
        long late = TimeUnit.NANOSECONDS.toSeconds(lateness);
        if (rateLimited) {
            LOG.warnf(
                    "Polls start %d s after they are due (adapter.poll-interval %s), because GitLab answered 429"
                            + " and asked to wait: see gitlab_ratelimit_paused_seconds_total. Another client of the"
                            + " same user may be spending its limit.",
                    late, seconds(cadence.pollInterval()));
        } else {
            LOG.warnf(
                    "Polls start %d s after they are due (adapter.poll-interval %s): projects are polled about every"
                            + " %d s. Raise gitlab.requests-per-minute or adapter.poll-concurrency, or watch fewer"
                            + " projects.",
                    late,
                    seconds(cadence.pollInterval()),
                    cadence.pollInterval().toSeconds() + late);
        }
    }

    /** An interval as its setting reads: "30s", "500ms". */
    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
