package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.PollBudget;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What the watched projects cost the request budget now ({@link PollBudget.Demand}): each project's pages at its last
 * reading (1 before it), busy or quiet while polled, or fed by job events; the group listings every
 * {@code adapter.group-refresh}; the reads beside the schedule (for tags after job events, for doubted events) as
 * counted over the last {@value #WINDOW_MINUTES} minutes.
 */
@ApplicationScoped
public class BudgetDemand implements ResetForTests {

    /** Minutes over which the reads beside the schedule are counted: one counter each, so the memory is fixed. */
    static final int WINDOW_MINUTES = 10;

    /** Projects a page of a group's listing holds. */
    private static final int PROJECTS_PER_PAGE = 100;

    private final WatchedProjects watched;
    private final SnapshotStore store;
    private final Duration groupRefresh;
    private final long[] minuteOf = new long[WINDOW_MINUTES];
    private final long[] readsIn = new long[WINDOW_MINUTES];

    BudgetDemand(WatchedProjects watched, SnapshotStore store, AdapterConfig config) {
        this.watched = watched;
        this.store = store;
        this.groupRefresh = config.groupRefresh();
    }

    /** A project was read beside its schedule (for tags, for a doubted event): it came out of the same budget. */
    public void readBesidePolls(Instant now) {
        readsBesidePolls(now, 1);
    }

    /**
     * {@code reads} requests were made beside the schedule (runners, project settings, refs' protection, GitLab's own
     * count): they came out of the same budget, and the cadence left for polls is what remains.
     */
    public synchronized void readsBesidePolls(Instant now, int reads) {
        long minute = now.getEpochSecond() / 60;
        int slot = (int) Math.floorMod(minute, (long) WINDOW_MINUTES);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            readsIn[slot] = 0;
        }
        readsIn[slot] += reads;
    }

    /** What the watched projects cost now. */
    public PollBudget.Demand demand(Instant now) {
        List<ProjectRef> projects = watched.all();
        double busy = 0;
        double quiet = 0;
        double eventsFirst = 0;
        for (ProjectRef project : projects) {
            ProjectState state = store.find(project).orElse(null);
            int pages = state == null || state.lastGood() == null
                    ? 1
                    : Math.max(1, state.lastGood().pages());
            if (state != null && state.events().flowing()) {
                eventsFirst += pages;
            } else if (PollBudget.busy(state, now)) {
                busy += pages;
            } else {
                quiet += pages;
            }
        }
        return new PollBudget.Demand(
                projects.size(), busy, quiet, eventsFirst, listingsPerMinute() + readsPerMinute(now));
    }

    /** Group listings a minute: a page per {@value #PROJECTS_PER_PAGE} members of each group, every group-refresh. */
    private double listingsPerMinute() {
        double pages = 0;
        for (GroupRef group : watched.groups()) {
            int members = watched.members(group).map(List::size).orElse(0);
            pages += Math.max(1, (members + PROJECTS_PER_PAGE - 1) / PROJECTS_PER_PAGE);
        }
        return pages * 60_000.0 / groupRefresh.toMillis();
    }

    /** Reads beside the schedule a minute, over the last full {@value #WINDOW_MINUTES} minutes. */
    private synchronized double readsPerMinute(Instant now) {
        long minute = now.getEpochSecond() / 60;
        long reads = 0;
        for (int slot = 0; slot < WINDOW_MINUTES; slot++) {
            if (minuteOf[slot] > minute - WINDOW_MINUTES && minuteOf[slot] <= minute) {
                reads += readsIn[slot];
            }
        }
        return (double) reads / WINDOW_MINUTES;
    }

    @Override
    public synchronized void reset() {
        Arrays.fill(minuteOf, 0);
        Arrays.fill(readsIn, 0);
    }
}
