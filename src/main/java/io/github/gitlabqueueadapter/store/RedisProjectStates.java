package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The project states as Redis holds them: the key layout, the scripts that write a state only at the version the
 * writer built on, and the reads. It keeps nothing itself; {@link LocalCopies} keeps the local copies.
 *
 * <p>A project is one hash: {@code v} its version, and the fields of {@link StateFields} (format 2). A job event
 * writes the fields it changed ({@link #DELTA}); a poll, or a write that does not build on what Redis holds, writes
 * the whole hash ({@link #WHOLE}). A hash of format 1 (one field {@code s}, the whole state as JSON, written by
 * earlier versions) is still read, and replaced whole at its next write.
 */
final class RedisProjectStates {

    private static final Logger LOG = Logger.getLogger(RedisProjectStates.class);

    /** Most projects read from Redis at once; far above what one deployment watches. */
    static final int MAX_PROJECTS = 100_000;

    /** Most fields of one state read back: 500 pages of 100 jobs, both lists of marks, {@code m} and {@code v}. */
    static final int MAX_FIELDS = 50_000 + 2 * 1000 + 2;

    /**
     * Writes a project's state whole, at the version the writer built on, and announces it:
     * {@code redis/state-whole.lua} after {@code redis/state-version.lua}, which says what a version is.
     */
    static final LuaScript WHOLE = LuaScript.of("state-version", "state-whole");

    /**
     * Like {@link #WHOLE}, but writes only the fields an event changed, and announces the change with the version it
     * builds on, so that a replica holding that version applies it without reading Redis
     * ({@code redis/state-delta.lua}).
     */
    static final LuaScript DELTA = LuaScript.of("state-version", "state-delta");

    /** Deletes a project's state and announces it ({@code redis/state-delete.lua}). */
    static final LuaScript DELETE = LuaScript.of("state-delete");

    /** A state as Redis holds it (null: one this replica cannot read). */
    record Stored(long version, ProjectState state) {}

    /** A write: done at {@code version}, or not, and then what Redis holds (version 0 and null: nothing). */
    record Swap(boolean written, long version, ProjectState current) {}

    private final RedisCalls calls;
    private final String keyPrefix;
    private final String projectKeys;
    private final String channel;
    private final String writer;
    private final Duration ttl;
    private final StateCodec codec = new StateCodec();
    private final StateFields fields = new StateFields();

    /** @param writer this store's name in its announcements */
    RedisProjectStates(RedisCalls calls, String keyPrefix, Duration ttl, String writer) {
        this.calls = calls;
        this.keyPrefix = keyPrefix;
        this.projectKeys = keyPrefix + "project:";
        this.channel = keyPrefix + "changes";
        this.ttl = ttl;
        this.writer = writer;
    }

    /** The channel every write is announced on. */
    String channel() {
        return channel;
    }

    /**
     * Writes {@code changed} if Redis still holds {@code expected} (0: no state): only the fields it changed when
     * {@code base} is what Redis holds at that version (null when it is not), else whole.
     */
    Swap write(ProjectRef project, long expected, ProjectState base, ProjectState changed) throws Unreachable {
        StateFields.Delta delta = base == null || expected == 0 ? null : fields.between(base, changed);
        Response answer = delta == null ? whole(project, expected, changed) : delta(project, expected, delta);
        int code = answer.get(0).toInteger();
        if (code == 2) {
            answer = whole(project, expected, changed);
            code = answer.get(0).toInteger();
        }
        long version = Long.parseLong(answer.get(1).toString());
        if (code == 1) {
            return new Swap(true, version, null);
        }
        Stored current = version == 0 ? null : fetch(project);
        return current == null ? new Swap(false, version, null) : new Swap(false, current.version(), current.state());
    }

    private Response whole(ProjectRef project, long expected, ProjectState changed) throws Unreachable {
        LuaScript.Call call = script(WHOLE, project, expected);
        fields.all(changed).forEach((field, value) -> call.arg(field).arg(value));
        return calls.run(call);
    }

    private Response delta(ProjectRef project, long expected, StateFields.Delta delta) throws Unreachable {
        LuaScript.Call call = script(DELTA, project, expected)
                .arg(StateFields.text(delta))
                .arg(delta.removed().size());
        delta.removed().forEach(call::arg);
        delta.set().forEach((field, value) -> call.arg(field).arg(value));
        return calls.run(call);
    }

    private LuaScript.Call script(LuaScript script, ProjectRef project, long expected) {
        return script.call(1)
                .arg(key(project))
                .arg(Long.toString(expected))
                .arg(ttl.toMillis())
                .arg(channel)
                .arg(project.key())
                .arg(writer);
    }

    /** {@code base} with a change another replica announced ({@link #DELTA}'s text). */
    ProjectState applyAnnounced(ProjectState base, String change) {
        return fields.apply(base, StateFields.parse(change));
    }

    /** Deletes a project's state and announces it. */
    void delete(ProjectRef project) throws Unreachable {
        calls.run(DELETE.call(1).arg(key(project)).arg(channel).arg(project.key()));
    }

    /** The state Redis holds for a project, or null; a state that cannot be read counts as none (and is logged). */
    Stored fetch(ProjectRef project) throws Unreachable {
        Stored stored = stored(project, calls.call(Request.cmd(Command.HGETALL).arg(key(project))));
        return stored == null || stored.state() == null ? null : stored;
    }

    /** Every state under the key prefix, read in batches. */
    Map<ProjectRef, Stored> readAll() throws Unreachable {
        Map<ProjectRef, Stored> found = new HashMap<>();
        String cursor = "0";
        do {
            Response page = calls.call(Request.cmd(Command.SCAN)
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(glob(projectKeys) + "*")
                    .arg("COUNT")
                    .arg(500));
            cursor = page.get(0).toString();
            List<String> keys = new ArrayList<>();
            page.get(1).forEach(key -> keys.add(key.toString()));
            List<Future<Response>> states = new ArrayList<>();
            for (String key : keys) {
                states.add(calls.client().send(Request.cmd(Command.HGETALL).arg(key)));
            }
            for (int i = 0; i < keys.size(); i++) {
                Response answer = calls.await(states.get(i));
                ProjectRef project;
                try {
                    project = ProjectRef.parse(keys.get(i).substring(projectKeys.length()));
                } catch (IllegalArgumentException e) {
                    continue; // not a key this adapter writes
                }
                Stored stored = stored(project, answer);
                if (stored != null && stored.state() != null) {
                    found.put(stored.state().project(), stored);
                }
            }
            if (found.size() >= MAX_PROJECTS) {
                LOG.warnf(
                        "Redis holds more than %d project states under %s; the rest are not read",
                        MAX_PROJECTS, keyPrefix);
                break;
            }
        } while (!"0".equals(cursor));
        return found;
    }

    /** A hash read whole: null when there is none (expired, removed), a null state when it cannot be read. */
    private Stored stored(ProjectRef project, Response hash) {
        if (hash == null || hash.size() == 0) {
            return null;
        }
        if (hash.size() > (hash.isMap() ? MAX_FIELDS : 2 * MAX_FIELDS)) {
            return new Stored(0, unreadable(project, "more than " + MAX_FIELDS + " fields"));
        }
        Map<String, String> all = new HashMap<>();
        if (hash.isMap()) {
            hash.getKeys().forEach(field -> all.put(field, hash.get(field).toString()));
        } else {
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                all.put(hash.get(i).toString(), hash.get(i + 1).toString());
            }
        }
        String version = all.remove("v");
        if (version == null) {
            return null;
        }
        String whole = all.get("s"); // format 1
        ProjectState state = whole != null ? decode(project, whole) : decode(project, all);
        return new Stored(Long.parseLong(version), state);
    }

    private ProjectState decode(ProjectRef project, Map<String, String> all) {
        try {
            return fields.read(all);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return unreadable(project, e.getMessage());
        }
    }

    private ProjectState decode(ProjectRef project, String json) {
        try {
            return codec.decode(json);
        } catch (IllegalArgumentException e) {
            return unreadable(project, e.getMessage());
        }
    }

    private static ProjectState unreadable(ProjectRef project, String why) {
        LOG.warnf(
                "Redis holds a state for %s that this replica cannot read (%s); it is replaced at the next write",
                project.name(), why);
        return null;
    }

    private String key(ProjectRef project) {
        return projectKeys + project.key();
    }

    /** The prefix as a SCAN pattern: its glob characters escaped. */
    private static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
