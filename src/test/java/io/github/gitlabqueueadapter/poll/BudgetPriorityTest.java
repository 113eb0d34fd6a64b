package io.github.gitlabqueueadapter.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.Freshness;
import io.github.gitlabqueueadapter.domain.PollBudget;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The schedule under a short request budget, on a simulated clock: 200 one-page projects, 10 of them busy, at 60
 * requests a minute (one request leaves every 1.02 s), each poll one request. Busy projects keep their 15 s; the quiet
 * ones share what is left, about every 606 s by the budget's arithmetic; and no project's number, judged as readers
 * judge it, is ever a 503 while GitLab answers.
 */
class BudgetPriorityTest {

    private static final long S = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final PollCadence CADENCE = new PollCadence(
            Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofMillis(19_700), Duration.ofMinutes(2));
    private static final List<ProjectRef> PROJECTS = IntStream.range(0, 200)
            .mapToObj(i -> ProjectRef.parse("it/budget-" + i))
            .toList();
    private static final Set<ProjectRef> BUSY = PROJECTS.stream().limit(10).collect(Collectors.toUnmodifiableSet());
    private static final PollBudget.Allowance ALLOWANCE =
            new PollBudget(60, CADENCE).allow(new PollBudget.Demand(200, 10, 190, 0, 0));

    /** The arithmetic the run is judged by: busy every 15 s, the others about every 606 s, 2 min cannot hold. */
    @Test
    void theBudgetsArithmeticForTheRun() {
        assertEquals(15, ALLOWANCE.busyInterval().toSeconds());
        assertEquals(606, ALLOWANCE.interval().toSeconds());
        assertEquals(false, ALLOWANCE.meets());
    }

    @Test
    void busyProjectsFirstTheQuietOnesAsTheBudgetAllowsAndNoneEverA503() {
        Run run = run(BUSY, ALLOWANCE);
        assertEquals(200, run.polls().size(), "every project read");
        assertEquals(0, run.unavailable(), "judgements of 503 while GitLab answered");
        long busyGap = longestGap(run, BUSY::contains);
        long quietGap = longestGap(run, p -> !BUSY.contains(p));
        // its interval, plus the polls booked before it became due: one a second
        assertTrue(busyGap <= 15 + PollScheduler.inFlight(4, 60) + 1, "a busy project waited " + busyGap + " s");
        assertTrue(
                quietGap
                        <= ALLOWANCE
                                .waitingTurn(CADENCE.pollInterval())
                                .minus(CADENCE.attempts())
                                .toSeconds(),
                "a quiet project waited " + quietGap + " s");
        int busyPolls = run.polls().get(PROJECTS.get(0)).size();
        int quietPolls = run.polls().get(PROJECTS.get(199)).size();
        assertTrue(
                busyPolls > 20 * quietPolls, busyPolls + " polls of a busy project, " + quietPolls + " of a quiet one");
    }

    /**
     * Every project but one in twelve busy, more than the budget can poll every 15 s: every project waits alike, about
     * every 204 s, and a quiet one no longer than that (it once waited two turns, and its number turned 503).
     */
    @Test
    void whenNotEvenTheBusyOnesFitEveryProjectWaitsAlikeAndNoneIsA503() {
        Set<ProjectRef> busy =
                PROJECTS.stream().filter(p -> PROJECTS.indexOf(p) % 12 != 0).collect(Collectors.toUnmodifiableSet());
        PollBudget.Allowance allowance =
                new PollBudget(60, CADENCE).allow(new PollBudget.Demand(200, busy.size(), 200 - busy.size(), 0, 0));
        assertEquals(allowance.interval(), allowance.busyInterval(), "not even the busy ones fit");
        Run run = run(busy, allowance);
        assertEquals(0, run.unavailable(), "judgements of 503 while GitLab answered");
        long quietGap = longestGap(run, p -> !busy.contains(p));
        assertTrue(quietGap <= allowance.interval().toSeconds() + 15, "a quiet project waited " + quietGap + " s");
    }

    /** What an hour of the schedule did: each project's poll starts, and how many judgements were 503. */
    private record Run(Map<ProjectRef, List<Long>> polls, int unavailable) {}

    /** An hour of the schedule, one request a poll at 60 requests a minute, judged every second after 5 minutes. */
    private static Run run(Set<ProjectRef> busy, PollBudget.Allowance allowance) {
        PollSchedule schedule = new PollSchedule();
        Freshness freshness = new Freshness(CADENCE, () -> allowance);
        long spacing = (long) (60.0 / (60 * PollBudget.USABLE) * S) + 1;
        int inFlight = PollScheduler.inFlight(4, 60);
        long busyAhead = allowance.busyHeadStart().toNanos();
        Map<ProjectRef, List<Long>> polls = new HashMap<>();
        Map<ProjectRef, ProjectState> states = new HashMap<>();
        Deque<PollSchedule.Booking> waiting = new ArrayDeque<>();
        long nextSlot = 0;
        int unavailable = 0;
        for (long now = 0; now <= 60 * 60 * S; now += S) {
            waiting.addAll(schedule.book(
                    PROJECTS,
                    now,
                    S,
                    p -> CADENCE.pollInterval(),
                    inFlight,
                    p -> busy.contains(p) || !states.containsKey(p),
                    busyAhead));
            while (!waiting.isEmpty() && Math.max(nextSlot, waiting.peek().dueAt()) < now + S) {
                PollSchedule.Booking booking = waiting.poll();
                ProjectRef project = booking.project();
                long start = Math.max(nextSlot, Math.max(now, booking.dueAt()));
                nextSlot = start + spacing;
                assertTrue(schedule.start(project));
                long late = start - booking.dueAt();
                schedule.release(project, late <= CADENCE.pollInterval().toNanos() / 10 ? booking.dueAt() : start);
                polls.computeIfAbsent(project, p -> new ArrayList<>()).add(start);
                Instant at = T0.plusNanos(start);
                states.put(
                        project,
                        ProjectState.unpolled(project)
                                .withSuccess(new ProjectSnapshot(project, List.of(), at, false, 1)));
            }
            if (now > 5 * 60 * S) { // after every project was first read
                Instant at = T0.plusNanos(now);
                for (ProjectState state : states.values()) {
                    if (freshness.judge(state, at).verdict() == Freshness.Verdict.UNAVAILABLE) {
                        unavailable++;
                    }
                }
            }
        }
        return new Run(polls, unavailable);
    }

    /** The longest time between two polls of the projects {@code which} keeps, after the first 5 minutes, in s. */
    private static long longestGap(Run run, Predicate<ProjectRef> which) {
        return PROJECTS.stream()
                .filter(which)
                .mapToLong(p -> longestGap(run.polls().get(p)))
                .max()
                .orElseThrow();
    }

    /** The longest time between two polls after the first 5 minutes, in seconds. */
    private static long longestGap(List<Long> starts) {
        long longest = 0;
        for (int i = 1; i < starts.size(); i++) {
            if (starts.get(i) > 5 * 60 * S) {
                longest = Math.max(longest, starts.get(i) - starts.get(i - 1));
            }
        }
        return longest / S;
    }
}
