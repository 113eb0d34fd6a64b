package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedRunner;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedSample;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedWait;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history kept in a real Redis (Debian's redis-server, started here; skipped without it unless
 * -Dredis.required=true) by two replicas' archives: one writes, the other reads back; a retention of 10 minutes in
 * 10 slots of a minute, at most 10 samples.
 */
class RedisHistoryArchiveTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final QueueKey QUEUE = QueueKey.of(ProjectRef.parse("team/app"));
    /** A minute's start, recent enough to be within the retention. */
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(9));

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisHistoryArchive replica(String id) {
        return TestStores.historyArchive(redis, id);
    }

    private static ArchivedSample sample(int minute, int second, int pending) {
        return new ArchivedSample(T0.plus(Duration.ofMinutes(minute)).plusSeconds(second), pending, 1, 2.5, pending);
    }

    @Test
    void oneReplicaWritesTheLastSampleOfEachSlotAndAnotherReadsThemBack() {
        RedisHistoryArchive a = replica("a");
        await().atMost(WITHIN).until(a::writer);
        RedisHistoryArchive b = replica("b");
        List<ArchivedRunner> runners =
                List.of(new ArchivedRunner(17, "k8s, \"docker\"\nrunner", T0), new ArchivedRunner(18, null, T0));

        a.sample(QUEUE, sample(0, 5, 1), () -> runners);
        a.sample(QUEUE, sample(0, 40, 2), () -> runners); // the same minute: replaces the one before
        a.sample(QUEUE, sample(1, 10, 3), () -> runners); // a new minute: the first is written
        a.sample(QUEUE, sample(2, 0, 4), () -> runners);
        b.sample(QUEUE, sample(3, 0, 99), () -> runners); // b is not the writer
        b.sample(QUEUE, sample(4, 0, 98), () -> runners);

        await().atMost(WITHIN).until(() -> b.read(QUEUE).orElseThrow().samples().size() == 2);
        assertEquals(
                List.of(sample(0, 40, 2), sample(1, 10, 3)),
                b.read(QUEUE).orElseThrow().samples());
        assertEquals(runners, b.read(QUEUE).orElseThrow().runners());
        assertFalse(b.writer());
    }

    /** {@code a} writes the wait; {@code b} then reads it back, {@code times} times (or the bound's worth). */
    private static void waitedAndWritten(RedisHistoryArchive a, RedisHistoryArchive b, ArchivedWait wait, int times) {
        a.waited(QUEUE, wait);
        await().atMost(WITHIN)
                .until(() -> b.read(QUEUE).orElseThrow().waits().stream()
                                .filter(wait::equals)
                                .count()
                        == Math.min(times, 5));
    }

    private static HistoryArchive.ArchivedEvent event(int n) {
        return new HistoryArchive.ArchivedEvent(T0.plusSeconds(n), "{\"n\":" + n + "}");
    }

    @Test
    void waitsAndTimelineEventsAreWrittenByTheArchivistAndReadBackWithinTheirBounds() {
        RedisHistoryArchive a = replica("a");
        await().atMost(WITHIN).until(a::writer);
        RedisHistoryArchive b = replica("b");

        // jobs start seconds apart: each wait is written before the next (writes may pass each other on the client's
        // connections; the list keeps the last written)
        for (int i = 0; i < 7; i++) {
            waitedAndWritten(a, b, new ArchivedWait(T0.plusSeconds(i), 10.0 * i), 1);
        }
        ArchivedWait twice = new ArchivedWait(T0.plus(Duration.ofMinutes(8)), 60.0);
        waitedAndWritten(a, b, twice, 1); // the same wait at the same moment again: a second job
        waitedAndWritten(a, b, twice, 2);
        a.events(QUEUE, List.of(event(1), event(2), event(3)));
        a.events(QUEUE, List.of(event(4), event(5), event(6)));
        b.waited(QUEUE, new ArchivedWait(T0.plusSeconds(60), 999)); // b is not the writer
        b.events(QUEUE, List.of(event(99)));

        await().atMost(WITHIN).until(() -> b.read(QUEUE).orElseThrow().events().size() == 4);
        HistoryArchive.Archived read = b.read(QUEUE).orElseThrow();
        assertEquals(
                List.of(40.0, 50.0, 60.0, 60.0, 60.0),
                read.waits().stream().map(ArchivedWait::seconds).toList(),
                "the newest five (adapter.scaling.max-waits), oldest first; two equal waits of one moment are two");
        assertEquals(List.of("{\"n\":3}", "{\"n\":4}", "{\"n\":5}", "{\"n\":6}"), read.events());
    }

    @Test
    void atMostMaxSamplesAreKept() {
        RedisHistoryArchive a = replica("a");
        await().atMost(WITHIN).until(a::writer);

        IntStream.range(0, 30).forEach(i -> a.sample(QUEUE, sample(0, i * 20, i), List::of));

        await().atMost(WITHIN).until(() -> {
            List<ArchivedSample> read = a.read(QUEUE).orElseThrow().samples();
            return !read.isEmpty() && read.get(read.size() - 1).pending() == 26;
        });
        List<ArchivedSample> kept = a.read(QUEUE).orElseThrow().samples();
        assertEquals(9, kept.size(), "nine full minutes of the ten in the retention; the tenth is open: " + kept);
    }

    @Test
    void whenTheWriterStopsAnotherReplicaWrites() {
        RedisHistoryArchive a = replica("a");
        await().atMost(WITHIN).until(a::writer);
        RedisHistoryArchive b = replica("b");

        a.close();

        await().atMost(WITHIN).until(b::writer);
        b.sample(QUEUE, sample(0, 0, 5), List::of);
        b.sample(QUEUE, sample(1, 0, 6), List::of);
        await().atMost(WITHIN).until(() -> b.read(QUEUE).orElseThrow().samples().size() == 1);
    }

    @Test
    void withoutRedisNothingIsReadAndNothingWaits() {
        RedisHistoryArchive a = replica("a");
        redis.server().kill();

        a.sample(QUEUE, sample(0, 0, 5), List::of);
        a.sample(QUEUE, sample(1, 0, 6), List::of);

        assertEquals(java.util.Optional.empty(), a.read(QUEUE), "not read: worth asking again");
    }
}
