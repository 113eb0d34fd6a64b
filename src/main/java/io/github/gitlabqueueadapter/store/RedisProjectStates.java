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
 * writer built on, and the reads. It keeps nothing itself; {@link RedisSnapshotStore} keeps the local copies.
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

    /** The version part of both scripts: ARGV[1] the expected version; sets vs, the new one. */
    private static final String NEXT_VERSION = """
            local cur = redis.call('HGET', KEYS[1], 'v')
            if not cur then cur = '0' end
            if cur ~= ARGV[1] then return {0, cur} end
            local t = redis.call('TIME')
            local vs = string.format('%.0f', math.max(tonumber(cur) + 1, tonumber(t[1]) * 1000000 + tonumber(t[2])))
            """;

    /**
     * KEYS[1] the project's hash; ARGV: expected version ("0": none), TTL in ms, channel, project key, this replica
     * (named in the announcement, so that it knows its own writes however early it reads them), then field, value,
     * ... Replaces the hash when the version is the expected one and returns {1, new version}; else {0, version}
     * ("0": none). A version is Redis's clock in microseconds, at least one more than the one before: it grows across
     * a restart of Redis and after a key expired, so an old announcement never passes for a new one. Announces
     * {@code set <version> <writer> <project>}.
     */
    static final String WHOLE = NEXT_VERSION + """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'v', vs)
            for i = 6, #ARGV, 1000 do
              redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PUBLISH', ARGV[3], 'set ' .. vs .. ' ' .. ARGV[5] .. ' ' .. ARGV[4])
            return {1, vs}
            """;

    /**
     * Like {@link #WHOLE}, but writes only the fields an event changed: ARGV[6] the change as text (for the
     * announcement), ARGV[7] how many fields are removed, those fields, then field, value, ... {2, version} when
     * the hash is not of format 2 (it must be written whole). Announces
     * {@code delta <version> <previous version> <writer> <project>}, a newline and the change, so that a replica
     * holding the previous version applies it without reading Redis.
     */
    static final String DELTA = NEXT_VERSION + """
            if redis.call('HEXISTS', KEYS[1], 'm') == 0 then return {2, cur} end
            local removed = tonumber(ARGV[7])
            if removed > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 8, 7 + removed)) end
            redis.call('HSET', KEYS[1], 'v', vs, unpack(ARGV, 8 + removed, #ARGV))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PUBLISH', ARGV[3], 'delta ' .. vs .. ' ' .. cur .. ' ' .. ARGV[5] .. ' ' .. ARGV[4] .. '\\n'
              .. ARGV[6])
            return {1, vs}
            """;

    /** KEYS[1] the project's hash; ARGV: channel, project key. */
    static final String DELETE = """
            redis.call('DEL', KEYS[1])
            redis.call('PUBLISH', ARGV[1], 'del ' .. ARGV[2])
            return 1
            """;

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
        Request request = script(WHOLE, project, expected);
        fields.all(changed).forEach((field, value) -> request.arg(field).arg(value));
        return calls.call(request);
    }

    private Response delta(ProjectRef project, long expected, StateFields.Delta delta) throws Unreachable {
        Request request = script(DELTA, project, expected)
                .arg(StateFields.text(delta))
                .arg(delta.removed().size());
        delta.removed().forEach(request::arg);
        delta.set().forEach((field, value) -> request.arg(field).arg(value));
        return calls.call(request);
    }

    private Request script(String script, ProjectRef project, long expected) {
        return Request.cmd(Command.EVAL)
                .arg(script)
                .arg(1)
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
        calls.call(Request.cmd(Command.EVAL)
                .arg(DELETE)
                .arg(1)
                .arg(key(project))
                .arg(channel)
                .arg(project.key()));
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
