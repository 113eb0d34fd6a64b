package io.github.gitlabqueueadapter.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The readers of a queue's endpoint (by User-Agent): a first read, or the first after a pause, started; one silent for
 * {@code readerPause} stopped, at the moment it crossed it. Follows {@code maxReaders} at most. Not thread-safe: its
 * timeline guards it.
 */
final class ReaderTracker {

    private final Duration readerPause;
    private final int maxReaders;
    private final Map<String, Instant> readers = new LinkedHashMap<>();

    ReaderTracker(Duration readerPause, int maxReaders) {
        this.readerPause = readerPause;
        this.maxReaders = maxReaders;
    }

    /** A read by {@code agent} at {@code at}: it started, or nothing. */
    List<TimelineEvent> read(Instant at, String agent) {
        Instant last = readers.remove(agent);
        List<TimelineEvent> started = last == null
                ? List.of(new TimelineEvent.ReaderStarted(at, agent + " started reading", agent))
                : List.of();
        readers.put(agent, at);
        while (readers.size() > maxReaders) {
            readers.remove(readers.keySet().iterator().next());
        }
        return started;
    }

    /** The readers silent for {@code readerPause} by {@code now}: they stopped, dated when they crossed it. */
    List<TimelineEvent> expire(Instant now) {
        List<TimelineEvent> stopped = new ArrayList<>();
        for (Iterator<Map.Entry<String, Instant>> it = readers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            Instant stoppedAt = e.getValue().plus(readerPause);
            if (!stoppedAt.isAfter(now)) {
                it.remove();
                stopped.add(new TimelineEvent.ReaderStopped(
                        stoppedAt, e.getKey() + " has not read for " + DurationText.of(readerPause), e.getKey()));
            }
        }
        return stopped;
    }
}
