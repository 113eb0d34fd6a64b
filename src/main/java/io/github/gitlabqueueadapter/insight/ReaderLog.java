package io.github.gitlabqueueadapter.insight;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who reads one queue, and how often: per client (its {@code User-Agent}, e.g. KEDA's Go HTTP client or curl), the
 * last read and the reads of the last minute. At most {@code maxReaders} clients are kept; a new one pushes out the
 * one that read least recently. Reads per minute are counted in 60 one-second buckets, so memory is fixed.
 */
public final class ReaderLog {

    /** One client of a queue. */
    @RegisterForReflection
    public record Reader(String userAgent, Instant lastReadAt, int readsLastMinute, long reads) {}

    /** All clients of a queue together. */
    public record Summary(Instant lastReadAt, int readsPerMinute, long reads) {}

    static final int MAX_AGENT_LENGTH = 120;

    private final int maxReaders;
    private final Map<String, Counts> readers = new HashMap<>();
    private long evictedReads;

    public ReaderLog(int maxReaders) {
        this.maxReaders = Math.max(1, maxReaders);
    }

    /** Records one read by {@code userAgent} (any text a client sends; shortened and cleaned here). */
    public synchronized void read(String userAgent, Instant now) {
        String agent = clean(userAgent);
        Counts counts = readers.get(agent);
        if (counts == null) {
            if (readers.size() >= maxReaders) {
                String leastRecent = readers.entrySet().stream()
                        .min(Comparator.comparing(e -> e.getValue().last))
                        .map(Map.Entry::getKey)
                        .orElseThrow();
                evictedReads += readers.remove(leastRecent).total;
            }
            counts = new Counts();
            readers.put(agent, counts);
        }
        counts.add(now);
    }

    public synchronized Summary summary(Instant now) {
        Instant last = null;
        int perMinute = 0;
        long total = evictedReads;
        for (Counts counts : readers.values()) {
            last = last == null || counts.last.isAfter(last) ? counts.last : last;
            perMinute += counts.lastMinute(now);
            total += counts.total;
        }
        return new Summary(last, perMinute, total);
    }

    /** The clients, the most recent reader first. */
    public synchronized List<Reader> readers(Instant now) {
        List<Reader> out = new ArrayList<>();
        readers.forEach(
                (agent, counts) -> out.add(new Reader(agent, counts.last, counts.lastMinute(now), counts.total)));
        out.sort(Comparator.comparing(Reader::lastReadAt).reversed());
        return out;
    }

    static String clean(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "(no User-Agent)";
        }
        StringBuilder out = new StringBuilder();
        userAgent
                .strip()
                .codePoints()
                .limit(MAX_AGENT_LENGTH)
                .forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return out.toString();
    }

    private static final class Counts {
        private final long[] second = new long[60];
        private final int[] count = new int[60];
        private Instant last;
        private long total;

        void add(Instant now) {
            long s = now.getEpochSecond();
            int k = (int) Math.floorMod(s, 60L);
            if (second[k] != s) {
                second[k] = s;
                count[k] = 0;
            }
            count[k]++;
            total++;
            if (last == null || now.isAfter(last)) {
                last = now;
            }
        }

        int lastMinute(Instant now) {
            long s = now.getEpochSecond();
            int sum = 0;
            for (int k = 0; k < 60; k++) {
                if (s - second[k] < 60 && second[k] <= s) {
                    sum += count[k];
                }
            }
            return sum;
        }
    }
}
