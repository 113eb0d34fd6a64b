package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A project's breaker sits where SmallRye put it, between the shared retries and the shared timeout: each attempt is
 * one breaker invocation, a timed-out attempt is a failure, and an open breaker's refusal is not retried. A Quarkus
 * test: SmallRye's guards need its container.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
class ProjectBreakerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(100);
    private static final ProjectRef SLOW = ProjectRef.parse("it/slow");
    private static final ProjectRef OTHER = ProjectRef.parse("it/other");

    /** Two retries; a breaker delay far longer than the retries' backoff, which never reaches its half-open probe. */
    private final ProjectGuards guards = new ProjectGuards(TIMEOUT, 2, Duration.ofMinutes(10), () -> {});

    @Test
    void timedOutAttemptsOpenTheProjectsBreakerAndTheRefusalIsNotRetried() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        assertThrows(TimeoutException.class, () -> guards.forProject(SLOW).call(() -> hang(sent)));
        assertEquals(3, sent.get(), "one attempt and gitlab.max-retries=2 retries");
        assertEquals(Optional.of(CircuitBreakerState.CLOSED), guards.breakerState(SLOW), "three failures");

        assertThrows(
                CircuitBreakerOpenException.class, () -> guards.forProject(SLOW).call(() -> hang(sent)));
        assertEquals(4, sent.get(), "the fourth failed attempt opens it; the retry after it is refused, not sent");
        assertEquals(Optional.of(CircuitBreakerState.OPEN), guards.breakerState(SLOW));

        Page<GitLabJob> answer = page();
        assertSame(answer, guards.forProject(OTHER).call(() -> answer));
        assertEquals(1, guards.breakersIn(CircuitBreakerState.OPEN));
        assertEquals(1, guards.breakersIn(CircuitBreakerState.CLOSED), "another project's breaker stays closed");
    }

    @Test
    void afterItsDelayOneProbeIsSentAndItsSuccessClosesTheBreaker() throws Exception {
        ProjectGuards once = new ProjectGuards(TIMEOUT, 0, Duration.ofMillis(300), () -> {});
        AtomicInteger sent = new AtomicInteger();
        for (int call = 0; call < 4; call++) {
            assertThrows(GitLabException.class, () -> once.forProject(SLOW).call(() -> refuse(sent)));
        }
        assertEquals(Optional.of(CircuitBreakerState.OPEN), once.breakerState(SLOW));
        assertThrows(
                CircuitBreakerOpenException.class, () -> once.forProject(SLOW).call(() -> refuse(sent)));
        assertEquals(4, sent.get(), "the open breaker sent nothing");

        Thread.sleep(400); // past the breaker's delay of 300 ms
        assertEquals(Optional.of(CircuitBreakerState.HALF_OPEN), once.breakerState(SLOW));
        Page<GitLabJob> answer = page();
        assertSame(answer, once.forProject(SLOW).call(() -> answer), "the probe was sent");
        assertEquals(Optional.of(CircuitBreakerState.CLOSED), once.breakerState(SLOW));
    }

    @Test
    void aProjectThatLeavesTakesItsBreakerWithIt() throws Exception {
        guards.forProject(SLOW).call(() -> page());
        guards.forProject(OTHER).call(() -> page());
        guards.forget(new ProjectLeft(SLOW));
        assertEquals(Optional.empty(), guards.breakerState(SLOW));
        assertEquals(Optional.of(CircuitBreakerState.CLOSED), guards.breakerState(OTHER));

        guards.reset();
        assertEquals(Optional.empty(), guards.breakerState(OTHER));
        assertEquals(0, guards.breakersIn(CircuitBreakerState.CLOSED));
    }

    private static Page<GitLabJob> hang(AtomicInteger sent) throws InterruptedException {
        sent.incrementAndGet();
        Thread.sleep(5_000); // cut by the guard at 200 ms
        return page();
    }

    private static Page<GitLabJob> refuse(AtomicInteger sent) {
        sent.incrementAndGet();
        throw GitLabException.forStatus(502);
    }

    private static Page<GitLabJob> page() {
        return new Page<>(List.of(), 0, null);
    }
}
