package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;

/**
 * Announced when another replica's write of a project's state reached this replica (through Redis): what follows from
 * a state (the history's samples) follows from it here too, though this replica neither polled nor took the event.
 */
public record StateShared(ProjectRef project, ProjectState state) {}
