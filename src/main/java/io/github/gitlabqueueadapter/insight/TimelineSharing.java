package io.github.gitlabqueueadapter.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.store.HistoryArchive;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedEvent;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedWait;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Hands what a queue's waits and timeline gained to the {@link HistoryArchive} (with Redis: written by one replica,
 * read back by those that start), each timeline event as one line of JSON. Readers' events stay with the replica that
 * saw the reads: each replica has its own readers.
 */
@ApplicationScoped
public class TimelineSharing {

    private static final Logger LOG = Logger.getLogger(TimelineSharing.class);

    /** Events about this replica's own readers. */
    private static final Set<TimelineEvent.Type> OWN =
            EnumSet.of(TimelineEvent.Type.READER_STARTED, TimelineEvent.Type.READER_STOPPED);

    private final HistoryArchive archive;
    private final ObjectMapper json;

    TimelineSharing(HistoryArchive archive, ObjectMapper json) {
        this.archive = archive;
        this.json = json;
    }

    /** The events the queue's timeline gained since the last call. */
    void share(QueueKey key, QueueMemories.QueueMemory memory) {
        List<ArchivedEvent> lines = new ArrayList<>();
        for (TimelineEvent event : memory.timeline().drain()) {
            if (!OWN.contains(event.type())) {
                encode(event).ifPresent(line -> lines.add(new ArchivedEvent(event.at(), line)));
            }
        }
        archive.events(key, lines);
    }

    void waited(QueueKey key, Instant at, double seconds) {
        archive.waited(key, new ArchivedWait(at, seconds));
    }

    Optional<String> encode(TimelineEvent event) {
        try {
            return Optional.of(json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            LOG.debugf("A timeline event could not be written as JSON: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The events of {@code lines} that read as events, each as the record of its {@code type}; another version's or a
     * damaged line is left out.
     */
    List<TimelineEvent> decode(List<String> lines) {
        List<TimelineEvent> events = new ArrayList<>();
        for (String line : lines) {
            try {
                JsonNode node = json.readTree(line);
                if (node == null || !node.isObject()) {
                    LOG.debugf("A timeline event read back from Redis is not one: %s", "not a JSON object");
                    continue;
                }
                JsonNode type = node.get("type");
                Optional<TimelineEvent.Type> known =
                        type != null && type.isTextual() ? TimelineEvent.Type.of(type.asText()) : Optional.empty();
                if (known.isEmpty()) {
                    continue; // another version's type
                }
                TimelineEvent event = json.treeToValue(node, known.get().record());
                if (event.at() != null && event.text() != null) {
                    events.add(event);
                }
            } catch (JsonProcessingException e) {
                LOG.debugf("A timeline event read back from Redis is not one: %s", e.getMessage());
            }
        }
        return events;
    }
}
