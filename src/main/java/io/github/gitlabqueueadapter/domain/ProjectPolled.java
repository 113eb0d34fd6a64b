package io.github.gitlabqueueadapter.domain;

/**
 * Announced after a poll's outcome was stored: a new snapshot, or a failure beside the last good one.
 *
 * @param state the project's state as stored now
 * @param inRound part of a round of polls, whose end is announced once ({@link RoundEnded})
 * @param pages pages read; 0 when the poll failed
 */
public record ProjectPolled(ProjectRef project, ProjectState state, boolean inRound, int pages) {

    /** {@code success}, or the failure's reason code ({@code unauthorized}, {@code timeout}, ...). */
    public String result() {
        return state.lastFailure() == null ? "success" : state.lastFailure().reason();
    }
}
