package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.store.BudgetSlots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The request budget on a simulated clock: sleeping moves time, nothing waits for real. */
class RequestBudgetTest {

    /** A clock that a sleep moves forward. */
    static final class SimulatedTime extends Clock implements RequestBudget.Sleeper {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");

        @Override
        public void sleep(Duration duration) {
            now = now.plus(duration);
        }

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static int mostInAnyMinute(List<Instant> sent) {
        int most = 0;
        for (int i = 0; i < sent.size(); i++) {
            Instant end = sent.get(i).plus(Duration.ofMinutes(1));
            int j = i;
            while (j < sent.size() && sent.get(j).isBefore(end)) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    @Test
    void threeHundredProjectsOnABudgetOfOneHundredNeverExceedItInAnyMinute() throws Exception {
        SimulatedTime time = new SimulatedTime();
        RequestBudget budget = new RequestBudget(100, time, time);
        List<Instant> sent = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int project = 0; project < 300; project++) {
                budget.acquire();
                sent.add(time.instant());
            }
            time.pass(Duration.ofSeconds(15));
        }
        // 2 % of the budget is kept as room for requests that leave late: 98 leave in any minute, never 101
        assertEquals(98, mostInAnyMinute(sent));
        Duration firstRound = Duration.between(sent.get(0), sent.get(299));
        assertTrue(
                firstRound.compareTo(Duration.ofMinutes(2)) > 0 && firstRound.compareTo(Duration.ofSeconds(190)) < 0,
                "300 requests at 100 a minute take about 3 minutes: the interval stretches, it does not burst: "
                        + firstRound);
    }

    @Test
    void aRetryAfterHoldsEveryRequestBack() throws Exception {
        SimulatedTime time = new SimulatedTime();
        RequestBudget budget = new RequestBudget(500, time, time);
        budget.acquire();
        Instant limited = time.instant();
        budget.pauseUntil(limited.plusSeconds(2));
        budget.acquire();
        assertTrue(!time.instant().isBefore(limited.plusSeconds(2)), "nothing leaves during the pause");
        assertTrue(
                budget.pausedTotal().compareTo(Duration.ofMillis(1800)) >= 0,
                budget.pausedTotal().toString());
    }

    @Test
    void aLowRemainingSpreadsTheRestUntilTheReset() throws Exception {
        SimulatedTime time = new SimulatedTime();
        RequestBudget budget = new RequestBudget(500, time, time);
        Instant reset = time.instant().plusSeconds(30);
        budget.observe(5L, 100L, reset);
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            budget.acquire();
            sent.add(time.instant());
        }
        assertTrue(
                Duration.between(sent.get(0), sent.get(4)).compareTo(Duration.ofSeconds(20)) >= 0,
                "5 requests left for 30 s: about 6 s apart, not 120 ms");

        budget.observe(90L, 100L, time.instant().plusSeconds(30));
        time.pass(Duration.ofSeconds(31));
        Instant before = time.instant();
        budget.acquire();
        budget.acquire();
        assertTrue(
                Duration.between(before, time.instant()).compareTo(Duration.ofSeconds(1)) < 0,
                "back to the budget's pace");
    }

    @Test
    void aPauseThatStartsWhileARequestWaitsHoldsItToo() throws Exception {
        SimulatedTime time = new SimulatedTime();
        AtomicReference<RequestBudget> budget = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        budget.set(new RequestBudget(60, time, duration -> {
            if (first.getAndSet(false)) {
                budget.get().pauseUntil(time.instant().plusSeconds(30)); // another request got a 429 meanwhile
            }
            time.sleep(duration);
        }));
        budget.get().acquire(); // leaves at once; the next slot is one second later
        Instant start = time.instant();
        budget.get().acquire();
        assertTrue(!time.instant().isBefore(start.plusSeconds(30)), "it left only after the pause: " + time.instant());
    }

    @Test
    void aSlowPaceEndsWhenGitLabsWindowResets() throws Exception {
        SimulatedTime time = new SimulatedTime();
        RequestBudget budget = new RequestBudget(500, time, time);
        Instant start = time.instant();
        budget.observe(1L, 100L, start.plusSeconds(50));
        for (int i = 0; i < 4; i++) {
            budget.acquire();
        }
        assertTrue(
                Duration.between(start, time.instant()).compareTo(Duration.ofSeconds(51)) < 0,
                "four requests with one left before a reset in 50 s: the last leaves just after the reset, not at 150"
                        + " s");
    }

    @Test
    void aResetForgetsThePaceAndThePauseButNotTheTotal() throws Exception {
        SimulatedTime time = new SimulatedTime();
        RequestBudget budget = new RequestBudget(60, time, time);
        budget.observe(1L, 100L, time.instant().plusSeconds(600));
        budget.acquire();
        budget.pauseUntil(time.instant().plusSeconds(1200));
        budget.acquire();
        Duration paused = budget.pausedTotal();
        time.now = time.now.minus(Duration.ofMinutes(21)); // a clock set back, as between two tests

        budget.reset();
        Instant before = time.instant();
        budget.acquire();
        assertEquals(before, time.instant(), "the next request leaves at once");
        budget.acquire();
        assertEquals(before.plusSeconds(1).plusNanos(20_408_164), time.instant(), "at the budget's own pace");
        assertEquals(paused, budget.pausedTotal(), "gitlab_ratelimit_paused_seconds_total never goes back");
    }

    /** Replicas' one pace on the simulated clock, as the Redis script keeps it: the next free slot. */
    static final class SimulatedBudgetSlots implements BudgetSlots {
        private final SimulatedTime time;
        private final int replicas;
        private final boolean reachable;
        private Instant next = Instant.MIN;

        SimulatedBudgetSlots(SimulatedTime time, int replicas, boolean reachable) {
            this.time = time;
            this.replicas = replicas;
            this.reachable = reachable;
        }

        @Override
        public Optional<Duration> book(Duration spacing) {
            if (!reachable) {
                return Optional.empty();
            }
            Instant slot = next.isAfter(time.instant()) ? next : time.instant();
            next = slot.plus(spacing);
            return Optional.of(Duration.between(time.instant(), slot));
        }

        @Override
        public void pauseFor(Duration wait) {
            Instant end = time.instant().plus(wait);
            next = next.isAfter(end) ? next : end;
        }

        @Override
        public int replicas() {
            return replicas;
        }
    }

    @Test
    void threeReplicasSharingOnePaceTogetherNeverExceedTheBudgetInAnyMinute() throws Exception {
        SimulatedTime time = new SimulatedTime();
        BudgetSlots shared = new SimulatedBudgetSlots(time, 3, true);
        List<RequestBudget> replicas = List.of(
                new RequestBudget(100, time, time, shared),
                new RequestBudget(100, time, time, shared),
                new RequestBudget(100, time, time, shared));
        List<Instant> sent = new ArrayList<>();
        for (int request = 0; request < 600; request++) {
            replicas.get(request % 3).acquire();
            sent.add(time.instant());
        }
        assertEquals(98, mostInAnyMinute(sent), "what one replica alone would send, not three times it");
    }

    @Test
    void replicasThatCannotShareEachSpendTheirShareOfTheBudget() throws Exception {
        SimulatedTime time = new SimulatedTime();
        RequestBudget budget = new RequestBudget(99, time, time, new SimulatedBudgetSlots(time, 3, false));
        List<Instant> sent = new ArrayList<>();
        for (int request = 0; request < 200; request++) {
            budget.acquire();
            sent.add(time.instant());
        }
        assertEquals(33, mostInAnyMinute(sent), "a third of 99 a minute (less the 2 % room, rounded up)");
    }

    @Test
    void aPauseOneReplicaWasToldHoldsTheOthers() throws Exception {
        SimulatedTime time = new SimulatedTime();
        BudgetSlots shared = new SimulatedBudgetSlots(time, 2, true);
        RequestBudget a = new RequestBudget(600, time, time, shared);
        RequestBudget b = new RequestBudget(600, time, time, shared);
        Instant start = time.instant();

        a.pauseUntil(start.plusSeconds(30)); // a got a 429 with Retry-After: 30
        b.acquire();

        assertEquals(start.plusSeconds(30), time.instant(), "b's next request waits for a's pause");
    }
}
