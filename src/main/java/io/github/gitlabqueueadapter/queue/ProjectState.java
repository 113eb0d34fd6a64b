package io.github.gitlabqueueadapter.queue;

import java.time.Instant;

/**
 * Everything known about one watched project: its last good snapshot and how the last poll went.
 *
 * @param lastGood the newest snapshot from a successful poll, or null before the first one
 * @param lastFailure why the last poll failed, or null when it succeeded
 */
public record ProjectState(ProjectRef project, ProjectSnapshot lastGood, Instant lastAttemptAt, PollFailure lastFailure) {

    public static ProjectState unpolled(ProjectRef project) {
        return new ProjectState(project, null, null, null);
    }

    public ProjectState withSuccess(ProjectSnapshot snapshot) {
        return new ProjectState(project, snapshot, snapshot.observedAt(), null);
    }

    public ProjectState withFailure(PollFailure failure) {
        return new ProjectState(project, lastGood, failure.at(), failure);
    }
}
