package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedRunner;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedSample;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedWait;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The history's entries as {@link RedisHistoryArchive} writes them to Redis and reads them back: a sample and a wait
 * one comma-separated entry each, a queue's runners one line each. An entry this adapter did not write reads as none.
 */
final class ArchiveEntries {

    private ArchiveEntries() {}

    /** One line per runner: id, last seen (epoch ms), description in Base64 (it may hold any character). */
    static String encode(List<ArchivedRunner> runners) {
        StringBuilder value = new StringBuilder();
        for (ArchivedRunner runner : runners) {
            value.append(runner.id())
                    .append(',')
                    .append(runner.lastSeenAt().toEpochMilli())
                    .append(',')
                    .append(
                            runner.description() == null
                                    ? ""
                                    : Base64.getEncoder()
                                            .encodeToString(runner.description().getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
        return value.toString();
    }

    static String encode(ArchivedSample sample) {
        return sample.at().toEpochMilli() + "," + sample.pending() + "," + sample.running() + ","
                + (float) sample.oldestPendingSeconds() + "," + sample.forecastPending();
    }

    static String encode(ArchivedWait wait) {
        return wait.at().toEpochMilli() + "," + (float) wait.seconds();
    }

    static ArchivedSample decode(String value) {
        String[] parts = value.split(",");
        if (parts.length != 5) {
            return null;
        }
        try {
            return new ArchivedSample(
                    Instant.ofEpochMilli(Long.parseLong(parts[0])),
                    Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]),
                    Double.parseDouble(parts[3]),
                    Integer.parseInt(parts[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ArchivedWait decodeWait(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new ArchivedWait(Instant.ofEpochMilli(Long.parseLong(parts[0])), Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<ArchivedRunner> decodeRunners(String value) {
        List<ArchivedRunner> runners = new ArrayList<>();
        for (String line : value.split("\n")) {
            String[] parts = line.split(",", -1);
            if (parts.length != 3) {
                continue;
            }
            try {
                String description = parts[2].isEmpty()
                        ? null
                        : new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
                runners.add(new ArchivedRunner(
                        Long.parseLong(parts[0]), description, Instant.ofEpochMilli(Long.parseLong(parts[1]))));
            } catch (IllegalArgumentException e) {
                // not a line this adapter writes
            }
        }
        return runners;
    }
}
