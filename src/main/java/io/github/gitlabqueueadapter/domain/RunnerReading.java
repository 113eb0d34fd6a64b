package io.github.gitlabqueueadapter.domain;

import java.time.Instant;

/**
 * What GitLab last said about one runner, and when.
 *
 * @param settings the runner as last read; after a failed read, the one read before (or null)
 * @param problem why the runner contributes nothing or may be out of date, for people; null when read fine
 * @param readAt when GitLab last answered about it (even 404 or 403); null before the first answer
 */
public record RunnerReading(long id, State state, RunnerSettings settings, String problem, Instant readAt) {

    /** How the last read went. */
    public enum State {
        /** Not asked yet. */
        UNREAD,
        /** Read; takes jobs by its settings. */
        OK,
        /** Read; paused in GitLab, so it is handed nothing. */
        PAUSED,
        /** GitLab answered 404: no such runner, or the token cannot see it. */
        UNKNOWN,
        /** GitLab answered 401 or 403: the token may not read it. */
        UNREADABLE,
        /** The read failed (timeout, 5xx, ...): the settings read before, if any, still count. */
        FAILED;

        /** As the JSON writes it. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static RunnerReading unread(long id) {
        return new RunnerReading(id, State.UNREAD, null, "not read from GitLab yet", null);
    }

    /** A runner GitLab described: {@code PAUSED} when it is paused. */
    public static RunnerReading read(RunnerSettings settings, Instant at) {
        return settings.paused()
                ? new RunnerReading(settings.id(), State.PAUSED, settings, "paused in GitLab: it is handed no job", at)
                : new RunnerReading(settings.id(), State.OK, settings, null, at);
    }

    /** The settings that take jobs now, or null when this runner contributes nothing. */
    public RunnerSettings taking() {
        return state == State.OK || state == State.FAILED && settings != null && !settings.paused() ? settings : null;
    }
}
