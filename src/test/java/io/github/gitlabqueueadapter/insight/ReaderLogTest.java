package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderLogTest {

    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void countsTheReadsOfTheLastMinutePerClient() {
        ReaderLog log = new ReaderLog(8);
        for (int s = 0; s < 120; s += 15) {
            log.read("Go-http-client/1.1", T0.plusSeconds(s)); // KEDA every 15 s
        }
        log.read("curl/8.5.0", T0.plusSeconds(100));
        ReaderLog.Summary summary = log.summary(T0.plusSeconds(110));
        assertEquals(T0.plusSeconds(105), summary.lastReadAt());
        assertEquals(4 + 1, summary.readsPerMinute(), "reads at 60, 75, 90, 105 and curl's at 100");
        assertEquals(9, summary.reads());
        List<ReaderLog.Reader> readers = log.readers(T0.plusSeconds(110));
        assertEquals("Go-http-client/1.1", readers.get(0).userAgent());
        assertEquals(4, readers.get(0).readsLastMinute());
        assertEquals(0, log.summary(T0.plusSeconds(400)).readsPerMinute(), "nobody read for minutes");
    }

    @Test
    void keepsAtMostMaxReadersAndStillCountsEveryRead() {
        ReaderLog log = new ReaderLog(2);
        log.read("a", T0);
        log.read("b", T0.plusSeconds(1));
        log.read("c", T0.plusSeconds(2));
        assertEquals(
                List.of("c", "b"),
                log.readers(T0.plusSeconds(3)).stream()
                        .map(ReaderLog.Reader::userAgent)
                        .toList());
        assertEquals(3, log.summary(T0.plusSeconds(3)).reads());
    }

    @Test
    void cleansWhatAClientSends() {
        assertEquals("(no User-Agent)", ReaderLog.clean(null));
        assertEquals("evil?line", ReaderLog.clean("evil\nline"));
        assertEquals(
                ReaderLog.MAX_AGENT_LENGTH, ReaderLog.clean("x".repeat(5000)).length());
    }

    @Test
    void aQueueNobodyReadHasNoLastRead() {
        assertNull(new ReaderLog(8).summary(T0).lastReadAt());
    }
}
