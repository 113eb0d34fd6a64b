package io.github.gitlabqueueadapter.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.gitlabqueueadapter.domain.EventMemory;
import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A {@link ProjectState} as JSON, for Redis. The JSON has its own records, so that the domain stays free of Jackson
 * and the stored form changes only on purpose ({@code "f"} is its version). Empty and default values are left out:
 * a job is about 100 bytes. What is read back is bounded like what is written: a state above {@link #MAX_BYTES} is
 * refused.
 */
final class StateCodec {

    /** The stored form this code writes and reads. */
    static final int FORMAT = 1;

    /** The stored form of a state's other parts when its jobs and marks are fields of their own (see StateFields). */
    static final int META_FORMAT = 2;

    /** Largest state read back: 500 pages of 100 jobs of well under 300 bytes each. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    String encode(ProjectState state) {
        return write(StateDoc.of(state));
    }

    /**
     * Reads a stored state back.
     *
     * @throws IllegalArgumentException for JSON that is not a state of this format (the message names no content)
     */
    ProjectState decode(String stored) {
        StateDoc doc = read(stored, StateDoc.class);
        if (doc.f() == null || doc.f() != FORMAT || doc.project() == null) {
            throw new IllegalArgumentException("a stored state of format " + doc.f() + " (this replica reads " + FORMAT
                    + "): written by another version of the adapter");
        }
        return doc.state();
    }

    /** A state's parts other than its jobs and its events' marks, which Redis keeps as fields of their own. */
    String encodeMeta(ProjectState state) {
        StateDoc whole = StateDoc.of(state);
        SnapshotDoc snapshot = whole.lastGood();
        EventsDoc events = whole.events();
        return write(new StateDoc(
                META_FORMAT,
                whole.project(),
                snapshot == null
                        ? null
                        : new SnapshotDoc(
                                null, snapshot.observedAt(), snapshot.startedAt(), snapshot.capped(), snapshot.pages()),
                whole.lastAttemptAt(),
                whole.lastFailure(),
                events == null
                        ? null
                        : new EventsDoc(
                                events.lastEventAt(),
                                null,
                                null,
                                events.flowing(),
                                events.suspects(),
                                events.suspectedSince(),
                                events.forgottenUpTo())));
    }

    /** Reads what {@link #encodeMeta} wrote: a state without jobs or marks. */
    ProjectState decodeMeta(String stored) {
        StateDoc doc = read(stored, StateDoc.class);
        if (doc.f() == null || doc.f() != META_FORMAT || doc.project() == null) {
            throw new IllegalArgumentException("a stored state of format " + doc.f() + " (this replica reads "
                    + META_FORMAT + "): written by another version of the adapter");
        }
        return doc.state();
    }

    String encodeJob(JobState job) {
        return write(JobDoc.of(job));
    }

    JobState decodeJob(String stored) {
        return read(stored, JobDoc.class).job();
    }

    private String write(Object doc) {
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a project state cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        if (stored.length() > MAX_BYTES) {
            throw new IllegalArgumentException("a stored state of " + stored.length() + " characters is too large");
        }
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored state is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The stored form of a project state. */
    @RegisterForReflection
    record StateDoc(
            Integer f,
            String project,
            SnapshotDoc lastGood,
            Instant lastAttemptAt,
            FailureDoc lastFailure,
            EventsDoc events) {

        static StateDoc of(ProjectState state) {
            return new StateDoc(
                    FORMAT,
                    state.project().name(),
                    state.lastGood() == null ? null : SnapshotDoc.of(state.lastGood()),
                    state.lastAttemptAt(),
                    state.lastFailure() == null ? null : FailureDoc.of(state.lastFailure()),
                    state.events() == null || state.events().equals(EventMemory.NONE)
                            ? null
                            : EventsDoc.of(state.events()));
        }

        ProjectState state() {
            ProjectRef ref = ProjectRef.parse(project);
            return new ProjectState(
                    ref,
                    lastGood == null ? null : lastGood.snapshot(ref),
                    lastAttemptAt,
                    lastFailure == null ? null : lastFailure.failure(),
                    events == null ? EventMemory.NONE : events.memory());
        }
    }

    /** The stored form of a snapshot; its project is the state's. */
    @RegisterForReflection
    record SnapshotDoc(List<JobDoc> jobs, Instant observedAt, Instant startedAt, Boolean capped, int pages) {

        static SnapshotDoc of(ProjectSnapshot snapshot) {
            return new SnapshotDoc(
                    snapshot.jobs().stream().map(JobDoc::of).toList(),
                    snapshot.observedAt(),
                    snapshot.startedAt().equals(snapshot.observedAt()) ? null : snapshot.startedAt(),
                    snapshot.capped() ? Boolean.TRUE : null,
                    snapshot.pages());
        }

        ProjectSnapshot snapshot(ProjectRef project) {
            return new ProjectSnapshot(
                    project,
                    jobs == null ? List.of() : jobs.stream().map(JobDoc::job).toList(),
                    observedAt,
                    Boolean.TRUE.equals(capped),
                    pages,
                    startedAt == null ? observedAt : startedAt);
        }
    }

    /**
     * The stored form of a job: tags left out when there are none, {@code tagsKnown} only when false, the ref's
     * {@code refTag} only when it is a git tag (a state written before refs were kept reads as of unknown ref).
     */
    @RegisterForReflection
    record JobDoc(
            long id,
            String status,
            List<String> tags,
            Long runnerId,
            String runnerDescription,
            Double queuedSeconds,
            Instant createdAt,
            Boolean tagsKnown,
            String ref,
            Boolean refTag) {

        static JobDoc of(JobState job) {
            return new JobDoc(
                    job.id(),
                    job.status(),
                    job.tags().isEmpty() ? null : job.tags(),
                    job.runnerId(),
                    job.runnerDescription(),
                    job.queuedSeconds(),
                    job.createdAt(),
                    job.tagsKnown() ? null : Boolean.FALSE,
                    job.ref() == null ? null : job.ref().name(),
                    job.ref() == null || !job.ref().tag() ? null : Boolean.TRUE);
        }

        JobState job() {
            return new JobState(
                    id,
                    status,
                    tags,
                    runnerId,
                    runnerDescription,
                    queuedSeconds,
                    createdAt,
                    !Boolean.FALSE.equals(tagsKnown),
                    JobRef.of(ref, refTag));
        }
    }

    /** The stored form of a poll failure. */
    @RegisterForReflection
    record FailureDoc(String reason, String message, Instant at) {

        static FailureDoc of(PollFailure failure) {
            return new FailureDoc(failure.reason(), failure.message(), failure.at());
        }

        PollFailure failure() {
            return new PollFailure(reason, message, at);
        }
    }

    /** The stored form of what job events left behind. */
    @RegisterForReflection
    record EventsDoc(
            Instant lastEventAt,
            List<FinishDoc> finished,
            List<FinishDoc> moved,
            Boolean flowing,
            List<Long> suspects,
            Instant suspectedSince,
            Long forgottenUpTo) {

        static EventsDoc of(EventMemory memory) {
            EventMemory.Suspects suspects = memory.suspects();
            return new EventsDoc(
                    memory.lastEventAt(),
                    marks(memory.finished()),
                    marks(memory.moved()),
                    memory.flowing() ? Boolean.TRUE : null,
                    suspects == null ? null : suspects.jobs().stream().sorted().toList(),
                    suspects == null ? null : suspects.since(),
                    memory.forgottenUpTo() == 0 ? null : memory.forgottenUpTo());
        }

        EventMemory memory() {
            return new EventMemory(
                    lastEventAt,
                    read(finished),
                    read(moved),
                    Boolean.TRUE.equals(flowing),
                    suspects == null || suspects.isEmpty() || suspectedSince == null
                            ? null
                            : new EventMemory.Suspects(Set.copyOf(suspects), suspectedSince),
                    forgottenUpTo == null ? 0 : Math.max(0, forgottenUpTo));
        }

        private static List<FinishDoc> marks(List<EventMemory.Mark> marks) {
            return marks.isEmpty()
                    ? null
                    : marks.stream().map(m -> new FinishDoc(m.jobId(), m.at())).toList();
        }

        private static List<EventMemory.Mark> read(List<FinishDoc> docs) {
            return docs == null
                    ? List.of()
                    : docs.stream()
                            .map(d -> new EventMemory.Mark(d.jobId(), d.at()))
                            .toList();
        }
    }

    /** A job and when an event about it was applied. */
    @RegisterForReflection
    record FinishDoc(long jobId, Instant at) {}
}
