package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.EventMemory;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project state as the fields of one Redis hash: {@code m} its other parts ({@link StateCodec#encodeMeta}, small),
 * {@code j<id>} each job's compact JSON, {@code f<id>} and {@code o<id>} when an event saw the job finish or move. An
 * event changes a job and a mark or two, so its write is those fields and {@code m}, not the whole state; a poll
 * writes the whole. The order of jobs is not kept (nothing reads it): a state read whole lists them by id.
 */
final class StateFields {

    static final String META = "m";

    /** More changed fields than this and the state is written whole: a poll's changes, not an event's. */
    static final int MAX_CHANGES = 64;

    /** Fields set (always {@code m}) and fields removed, in that order; what an event changed. */
    record Delta(Map<String, String> set, List<String> removed) {}

    private final StateCodec codec = new StateCodec();

    /** Every field of a state: {@code m} first. */
    Map<String, String> all(ProjectState state) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(META, codec.encodeMeta(state));
        if (state.lastGood() != null) {
            state.lastGood().jobs().forEach(job -> fields.put("j" + job.id(), codec.encodeJob(job)));
        }
        state.events()
                .finished()
                .forEach(mark -> fields.put("f" + mark.jobId(), mark.at().toString()));
        state.events()
                .moved()
                .forEach(mark -> fields.put("o" + mark.jobId(), mark.at().toString()));
        return fields;
    }

    /**
     * The fields {@code changed} sets and removes against {@code base}, or null when it is better written whole (a
     * poll, or a first snapshot). Jobs an event did not touch are the same objects in both, so that this is cheap.
     */
    Delta between(ProjectState base, ProjectState changed) {
        if ((base.lastGood() == null) != (changed.lastGood() == null)) {
            return null;
        }
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        set.put(META, codec.encodeMeta(changed));
        if (base.lastGood() != null) {
            Map<Long, JobState> before = new HashMap<>();
            base.lastGood().jobs().forEach(job -> before.put(job.id(), job));
            for (JobState job : changed.lastGood().jobs()) {
                JobState old = before.remove(job.id());
                if (old != job && !job.equals(old)) {
                    set.put("j" + job.id(), codec.encodeJob(job));
                    if (set.size() > MAX_CHANGES) {
                        return null;
                    }
                }
            }
            before.keySet().forEach(id -> removed.add("j" + id));
        }
        marks("f", base.events().finished(), changed.events().finished(), set, removed);
        marks("o", base.events().moved(), changed.events().moved(), set, removed);
        return set.size() + removed.size() > MAX_CHANGES + 1 ? null : new Delta(set, removed);
    }

    private static void marks(
            String prefix,
            List<EventMemory.Mark> base,
            List<EventMemory.Mark> changed,
            Map<String, String> set,
            List<String> removed) {
        if (base == changed) {
            return;
        }
        Map<Long, Instant> before = new HashMap<>();
        base.forEach(mark -> before.put(mark.jobId(), mark.at()));
        for (EventMemory.Mark mark : changed) {
            if (!mark.at().equals(before.remove(mark.jobId()))) {
                set.put(prefix + mark.jobId(), mark.at().toString());
            }
        }
        before.keySet().forEach(id -> removed.add(prefix + id));
    }

    /**
     * A state from all its fields.
     *
     * @throws IllegalArgumentException when {@code m} is missing or a field cannot be read
     */
    ProjectState read(Map<String, String> fields) {
        String meta = fields.get(META);
        if (meta == null) {
            throw new IllegalArgumentException("a stored state without its field m");
        }
        return assemble(codec.decodeMeta(meta), null, fields, List.of());
    }

    /** {@code base} with a delta another replica wrote on top of it. */
    ProjectState apply(ProjectState base, Delta delta) {
        return assemble(codec.decodeMeta(delta.set().get(META)), base, delta.set(), delta.removed());
    }

    /** Parts, jobs and marks of {@code base} (may be null), then {@code set} and {@code removed} over them. */
    private ProjectState assemble(ProjectState meta, ProjectState base, Map<String, String> set, List<String> removed) {
        Map<Long, JobState> jobs = new LinkedHashMap<>();
        Map<Long, Instant> finished = new LinkedHashMap<>();
        Map<Long, Instant> moved = new LinkedHashMap<>();
        if (base != null) {
            if (base.lastGood() != null) {
                base.lastGood().jobs().forEach(job -> jobs.put(job.id(), job));
            }
            base.events().finished().forEach(mark -> finished.put(mark.jobId(), mark.at()));
            base.events().moved().forEach(mark -> moved.put(mark.jobId(), mark.at()));
        }
        for (String field : removed) {
            long id = id(field);
            switch (field.charAt(0)) {
                case 'j' -> jobs.remove(id);
                case 'f' -> finished.remove(id);
                case 'o' -> moved.remove(id);
                default -> throw new IllegalArgumentException("an unknown field " + field);
            }
        }
        for (Map.Entry<String, String> field : set.entrySet()) {
            if (field.getKey().equals(META)) {
                continue;
            }
            long id = id(field.getKey());
            switch (field.getKey().charAt(0)) {
                case 'j' -> jobs.put(id, codec.decodeJob(field.getValue()));
                case 'f' -> finished.put(id, Instant.parse(field.getValue()));
                case 'o' -> moved.put(id, Instant.parse(field.getValue()));
                default -> {
                    // a field a later version adds: left alone
                }
            }
        }
        List<JobState> listed = new ArrayList<>(jobs.values());
        if (base == null) {
            listed.sort(Comparator.comparingLong(JobState::id));
        }
        ProjectSnapshot snapshot =
                meta.lastGood() == null ? null : meta.lastGood().withJobs(listed);
        EventMemory events = meta.events();
        EventMemory memory = new EventMemory(
                events.lastEventAt(),
                marks(finished),
                marks(moved),
                events.flowing(),
                events.suspects(),
                events.forgottenUpTo());
        return new ProjectState(meta.project(), snapshot, meta.lastAttemptAt(), meta.lastFailure(), memory);
    }

    /** Marks oldest first, as {@link EventMemory} keeps them (it drops the oldest). */
    private static List<EventMemory.Mark> marks(Map<Long, Instant> marks) {
        List<EventMemory.Mark> list = new ArrayList<>();
        marks.forEach((id, at) -> list.add(new EventMemory.Mark(id, at)));
        list.sort(Comparator.comparing(EventMemory.Mark::at).thenComparingLong(EventMemory.Mark::jobId));
        return list;
    }

    private static long id(String field) {
        try {
            return Long.parseLong(field.substring(1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a field that names no job: " + field);
        }
    }

    /** A delta as text, for the announcement: a line per field, {@code name value} or {@code -name}. */
    static String text(Delta delta) {
        StringBuilder text = new StringBuilder();
        delta.set()
                .forEach((field, value) ->
                        text.append(field).append(' ').append(value).append('\n'));
        delta.removed().forEach(field -> text.append('-').append(field).append('\n'));
        return text.toString();
    }

    /** Reads {@link #text}. */
    static Delta parse(String text) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("-")) {
                removed.add(line.substring(1));
            } else if (!line.isEmpty()) {
                int space = line.indexOf(' ');
                if (space < 1) {
                    throw new IllegalArgumentException("an announced change that cannot be read");
                }
                set.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        if (!set.containsKey(META)) {
            throw new IllegalArgumentException("an announced change without its field m");
        }
        return new Delta(set, removed);
    }
}
