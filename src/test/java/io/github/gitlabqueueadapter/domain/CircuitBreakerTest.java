package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.gitlabqueueadapter.domain.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A project's breaker as SmallRye's was configured: four failed attempts in a row open it, it refuses attempts for its
 * delay (10 s here), then lets one probe through, whose success closes it and whose failure opens it again. A run of
 * attempts over time, as a table.
 */
class CircuitBreakerTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final CircuitBreaker.Policy POLICY = new CircuitBreaker.Policy(4, Duration.ofSeconds(10));

    /**
     * Each row is one run. Steps: {@code S} an attempt that succeeds, {@code F} one that fails, {@code +n} n seconds
     * pass. After each step the state is noted ({@code C} closed, {@code O} open, {@code H} half-open), after an
     * {@code x} when the breaker refused the attempt (it was not sent).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            three failures leave it closed             | F F F                   | C C C
            the fourth in a row opens it               | F F F F                 | C C C O
            an open breaker refuses attempts           | F F F F S F             | C C C O xO xO
            it refuses them until its delay has passed | F F F F +9 S            | C C C O O xO
            after the delay it is half-open            | F F F F +10             | C C C O H
            a successful probe closes it               | F F F F +10 S           | C C C O H C
            a failed probe opens it again              | F F F F +10 F           | C C C O H O
            for another delay from the probe           | F F F F +10 F +9 S +1 S | C C C O H O O xO H C
            a closed breaker counts afresh             | F F F F +10 S F F F     | C C C O H C C C C
            and opens again at four                    | F F F F +10 S F F F F   | C C C O H C C C C O
            a success in between resets the count      | F F F S F F F           | C C C C C C C
            after which four more open it              | F F F S F F F F         | C C C C C C C O
            successes never open it                    | S S S S S               | C C C C C
            """)
    void opensOnFourFailuresInARowAndProbesAfterItsDelay(String run, String steps, String states) {
        CircuitBreaker breaker = new CircuitBreaker(POLICY);
        Instant now = START;
        StringBuilder seen = new StringBuilder();
        for (String step : steps.split(" ")) {
            if (step.startsWith("+")) {
                now = now.plusSeconds(Long.parseLong(step.substring(1)));
            } else {
                long ticket = breaker.admit(now);
                if (ticket == CircuitBreaker.REFUSED) {
                    seen.append('x');
                } else if (step.equals("S")) {
                    breaker.succeeded(ticket);
                } else {
                    breaker.failed(ticket, now);
                }
            }
            seen.append(letter(breaker.state(now))).append(' ');
        }
        assertEquals(states, seen.toString().trim(), run);
    }

    @Test
    void aHalfOpenBreakerLetsOneProbeThroughAtATime() {
        CircuitBreaker breaker = opened();
        Instant later = START.plusSeconds(10);
        long probe = breaker.admit(later);
        assertNotEquals(CircuitBreaker.REFUSED, probe);
        assertEquals(CircuitBreaker.REFUSED, breaker.admit(later), "a second attempt while the probe runs");
        breaker.succeeded(probe);
        assertEquals(State.CLOSED, breaker.state(later));
        assertNotEquals(CircuitBreaker.REFUSED, breaker.admit(later));
    }

    @Test
    void anOutcomeArrivingAfterTheBreakerMovedOnChangesNothing() {
        CircuitBreaker breaker = new CircuitBreaker(POLICY);
        long slow = breaker.admit(START);
        for (int i = 0; i < 4; i++) {
            breaker.failed(breaker.admit(START), START);
        }
        breaker.succeeded(slow);
        assertEquals(State.OPEN, breaker.state(START), "a success admitted while closed does not close it");

        long probe = breaker.admit(START.plusSeconds(10));
        breaker.failed(slow, START.plusSeconds(10));
        breaker.succeeded(probe);
        assertEquals(State.CLOSED, breaker.state(START.plusSeconds(10)), "nor does a late failure count");
    }

    private static CircuitBreaker opened() {
        CircuitBreaker breaker = new CircuitBreaker(POLICY);
        for (int i = 0; i < 4; i++) {
            breaker.failed(breaker.admit(START), START);
        }
        assertEquals(State.OPEN, breaker.state(START));
        return breaker;
    }

    private static char letter(State state) {
        return switch (state) {
            case CLOSED -> 'C';
            case OPEN -> 'O';
            case HALF_OPEN -> 'H';
        };
    }
}
