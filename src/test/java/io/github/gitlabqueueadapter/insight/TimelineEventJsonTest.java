package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.store.HistoryArchive;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each type of timeline event as {@code GET .../events} shows it and as the Redis archive keeps it, to the byte: the
 * fields of its type only, in this order, with a mapper set like Quarkus's; what is read back is what was written.
 */
class TimelineEventJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static final ObjectMapper QUARKUS_LIKE = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Instant at(int minutes, int seconds) {
        return T0.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds);
    }

    /** One event of every type, oldest first. */
    private static ScalingTimeline everyType() {
        ScalingTimeline timeline = new ScalingTimeline(new ScalingTimeline.Limits(
                Duration.ofHours(6),
                1000,
                3,
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                Duration.ofSeconds(60),
                50,
                8));
        QueueKey pool = QueueKey.pool("docker");
        timeline.sampled(at(0, 0), 0, 0);
        timeline.runners(at(0, 0), Map.of());
        timeline.read(at(0, 0), "Go-http-client/1.1");
        timeline.sampled(at(1, 0), 4, 0);
        timeline.arrived(at(1, 0), 4);
        Map<Long, String> running = new HashMap<>();
        running.put(17L, "docker-17");
        running.put(18L, null);
        timeline.runners(at(1, 30), running);
        timeline.scalers(
                at(1, 40), List.of(new ScalersObserved.Scaler(pool, "ScaledObject", "ci", "runners", 2, 1, null)));
        timeline.scalers(
                at(1, 50), List.of(new ScalersObserved.Scaler(pool, "ScaledJob", "ci", "jobs", null, null, 3)));
        timeline.sampled(at(2, 30), 0, 0);
        timeline.advance(at(14, 0));
        return timeline;
    }

    private static final List<String> LINES = List.of(
            "{\"at\":\"2026-12-03T10:01:00Z\",\"type\":\"demand\",\"text\":\"queue rose from empty: 4 jobs waiting\","
                    + "\"jobs\":4}",
            "{\"at\":\"2026-12-03T10:01:00Z\",\"type\":\"burst\",\"text\":\"burst: 4 jobs joined within a minute\","
                    + "\"jobs\":4}",
            "{\"at\":\"2026-12-03T10:01:30Z\",\"type\":\"runner-joined\","
                    + "\"text\":\"runner 17 (docker-17) took its first job\",\"runnerId\":17,"
                    + "\"runner\":\"docker-17\"}",
            "{\"at\":\"2026-12-03T10:01:30Z\",\"type\":\"runner-joined\",\"text\":\"runner 18 took its first job\","
                    + "\"runnerId\":18}",
            "{\"at\":\"2026-12-03T10:01:40Z\",\"type\":\"scaler\",\"text\":\"ScaledObject ci/runners: desired 2,"
                    + " current 1\",\"scaler\":\"ScaledObject ci/runners\",\"desiredReplicas\":2,"
                    + "\"currentReplicas\":1}",
            "{\"at\":\"2026-12-03T10:01:50Z\",\"type\":\"scaler\",\"text\":\"ScaledJob ci/jobs: 3 active jobs\","
                    + "\"scaler\":\"ScaledJob ci/jobs\",\"activeJobs\":3}",
            "{\"at\":\"2026-12-03T10:01:50Z\",\"type\":\"scaler\",\"text\":\"ScaledObject ci/runners: no longer reads"
                    + " this queue\",\"scaler\":\"ScaledObject ci/runners\"}",
            "{\"at\":\"2026-12-03T10:02:00Z\",\"type\":\"reader-stopped\","
                    + "\"text\":\"Go-http-client/1.1 has not read for 2m\",\"reader\":\"Go-http-client/1.1\"}",
            "{\"at\":\"2026-12-03T10:02:30Z\",\"type\":\"emptied\",\"text\":\"queue empty\"}",
            "{\"at\":\"2026-12-03T10:02:30Z\",\"type\":\"capacity\","
                    + "\"text\":\"capacity caught up after 1m 30s (the queue emptied)\",\"seconds\":90.0}",
            "{\"at\":\"2026-12-03T10:11:30Z\",\"type\":\"runner-left\","
                    + "\"text\":\"runner 17 (docker-17) not seen for 10m\",\"runnerId\":17,"
                    + "\"runner\":\"docker-17\"}",
            "{\"at\":\"2026-12-03T10:11:30Z\",\"type\":\"runner-left\",\"text\":\"runner 18 not seen for 10m\","
                    + "\"runnerId\":18}");

    private static final String READER_STARTED = "{\"at\":\"2026-12-03T10:00:00Z\",\"type\":\"reader-started\","
            + "\"text\":\"Go-http-client/1.1 started reading\",\"reader\":\"Go-http-client/1.1\"}";

    @Test
    void everyTypeIsWrittenWithItsOwnFieldsInTheirOrder() throws Exception {
        ScalingTimeline timeline = everyType();
        List<String> written = timeline.events(T0, at(14, 0)).stream()
                .map(e -> {
                    try {
                        return QUARKUS_LIKE.writeValueAsString(e);
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                })
                .toList();
        assertEquals(READER_STARTED, written.get(0));
        assertEquals(LINES, written.subList(1, written.size()));
    }

    @Test
    void theArchiveKeepsAllButReadersAndReadsBackWhatItWrote() {
        TimelineSharing sharing = new TimelineSharing(HistoryArchive.ALONE, QUARKUS_LIKE);
        ScalingTimeline timeline = everyType();
        List<String> archived = timeline.drain().stream()
                .filter(e -> !List.of("reader-started", "reader-stopped").contains(typeOf(e)))
                .map(e -> sharing.encode(e).orElseThrow())
                .sorted()
                .toList();
        assertEquals(
                LINES.stream()
                        .filter(line -> !line.contains("\"reader-"))
                        .sorted()
                        .toList(),
                archived);
        List<String> readBack = sharing.decode(LINES).stream()
                .map(e -> sharing.encode(e).orElseThrow())
                .toList();
        assertEquals(LINES, readBack);
    }

    @Test
    void aLineOfAnotherTypeOrWithoutTypeTimeOrTextIsLeftOut() {
        TimelineSharing sharing = new TimelineSharing(HistoryArchive.ALONE, QUARKUS_LIKE);
        assertEquals(
                List.of(),
                sharing.decode(List.of(
                        "{\"at\":\"2026-12-03T10:01:00Z\",\"type\":\"sunrise\",\"text\":\"the sun rose\"}",
                        "{\"type\":\"emptied\",\"text\":\"queue empty\"}",
                        "{\"at\":\"2026-12-03T10:01:00Z\",\"text\":\"queue empty\"}",
                        "{\"at\":\"2026-12-03T10:01:00Z\",\"type\":\"emptied\"}",
                        "not json",
                        "[1]")));
    }

    private static String typeOf(TimelineEvent event) {
        return event.type().label();
    }
}
