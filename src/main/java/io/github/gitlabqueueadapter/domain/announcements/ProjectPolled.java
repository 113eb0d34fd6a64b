package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;

/**
 * Announced after a poll's outcome was stored: a new snapshot, or a failure beside the last good one.
 *
 * @param state the project's state as stored now
 * @param batched a scheduled poll: its pools and groups are sampled at the next {@link PollsStored}, once for all
 * @param pages pages read; 0 when the poll failed
 */
public record ProjectPolled(ProjectRef project, ProjectState state, boolean batched, int pages) {

    /** {@code success}, or the failure's reason code ({@code unauthorized}, {@code timeout}, ...). */
    public String result() {
        return state.lastFailure() == null ? "success" : state.lastFailure().reason();
    }
}
