package io.github.gitlabqueueadapter.insight;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * One event of a queue's {@link ScalingTimeline}, as {@code GET /queues/{kind}/{name}/events} shows it and the Redis
 * archive keeps it: {@code at}, {@code type} and {@code text}, then the fields of its type, absent when null. Each type
 * is a record of its own; {@code type} is written from {@link #type()} and, read back, picks the record
 * ({@link TimelineSharing}). {@code /q/openapi} describes them as one object with the fields of every type.
 */
@Schema(
        name = "Event",
        properties = {
            @SchemaProperty(name = "at", implementation = Instant.class),
            @SchemaProperty(name = "type", type = SchemaType.STRING),
            @SchemaProperty(name = "text", type = SchemaType.STRING),
            @SchemaProperty(name = "jobs", type = SchemaType.INTEGER, format = "int32"),
            @SchemaProperty(name = "runnerId", type = SchemaType.INTEGER, format = "int64"),
            @SchemaProperty(name = "runner", type = SchemaType.STRING),
            @SchemaProperty(name = "reader", type = SchemaType.STRING),
            @SchemaProperty(name = "seconds", type = SchemaType.NUMBER, format = "double"),
            @SchemaProperty(name = "scaler", type = SchemaType.STRING),
            @SchemaProperty(name = "desiredReplicas", type = SchemaType.INTEGER, format = "int32"),
            @SchemaProperty(name = "currentReplicas", type = SchemaType.INTEGER, format = "int32"),
            @SchemaProperty(name = "activeJobs", type = SchemaType.INTEGER, format = "int32")
        })
@JsonPropertyOrder({"at", "type", "text"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface TimelineEvent {

    Instant at();

    /** The event's type, written as {@code type}. */
    @JsonProperty("type")
    Type type();

    /** The event in one sentence, for people. */
    String text();

    /** The event types, with the {@code type} each shows and the record that holds it. */
    enum Type {
        DEMAND("demand", DemandRose.class),
        BURST("burst", Burst.class),
        EMPTIED("emptied", Emptied.class),
        CAPACITY("capacity", CapacityCaughtUp.class),
        RUNNER_JOINED("runner-joined", RunnerJoined.class),
        RUNNER_LEFT("runner-left", RunnerLeft.class),
        READER_STARTED("reader-started", ReaderStarted.class),
        READER_STOPPED("reader-stopped", ReaderStopped.class),
        SCALER("scaler", ScalerChanged.class);

        private final String label;
        private final Class<? extends TimelineEvent> record;

        Type(String label, Class<? extends TimelineEvent> record) {
            this.label = label;
            this.record = record;
        }

        /** As {@code type} shows it: {@code runner-joined}. */
        @JsonValue
        public String label() {
            return label;
        }

        Class<? extends TimelineEvent> record() {
            return record;
        }

        /** The type that shows as {@code label}, if any. */
        public static Optional<Type> of(String label) {
            return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
        }
    }

    /** The queue rose from empty: {@code jobs} waiting. */
    @RegisterForReflection
    record DemandRose(Instant at, String text, Integer jobs) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.DEMAND;
        }
    }

    /** {@code jobs} joined the queue within a minute. */
    @RegisterForReflection
    record Burst(Instant at, String text, Integer jobs) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.BURST;
        }
    }

    /** The queue emptied. */
    @RegisterForReflection
    record Emptied(Instant at, String text) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.EMPTIED;
        }
    }

    /** Capacity caught up with a rise of demand after {@code seconds} (the time to capacity). */
    @RegisterForReflection
    record CapacityCaughtUp(Instant at, String text, Double seconds) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.CAPACITY;
        }
    }

    /** A runner took its first job of the queue; {@code runner} is its description, if it has one. */
    @RegisterForReflection
    record RunnerJoined(Instant at, String text, Long runnerId, String runner) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.RUNNER_JOINED;
        }
    }

    /** A runner was not seen running the queue's jobs for {@code runnerGone}, dated when it crossed that. */
    @RegisterForReflection
    record RunnerLeft(Instant at, String text, Long runnerId, String runner) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.RUNNER_LEFT;
        }
    }

    /** A reader (by User-Agent) read the queue's endpoint for the first time, or the first time after a pause. */
    @RegisterForReflection
    record ReaderStarted(Instant at, String text, String reader) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.READER_STARTED;
        }
    }

    /** A reader has not read for {@code readerPause}, dated when it crossed that. */
    @RegisterForReflection
    record ReaderStopped(Instant at, String text, String reader) implements TimelineEvent {
        @Override
        public Type type() {
            return Type.READER_STOPPED;
        }
    }

    /**
     * A KEDA object reading the queue appeared or changed its numbers (all null: it no longer reads the queue).
     *
     * @param scaler its kind, namespace and name: {@code ScaledObject ci/runners}
     */
    @RegisterForReflection
    record ScalerChanged(
            Instant at,
            String text,
            String scaler,
            Integer desiredReplicas,
            Integer currentReplicas,
            Integer activeJobs)
            implements TimelineEvent {
        @Override
        public Type type() {
            return Type.SCALER;
        }
    }
}
