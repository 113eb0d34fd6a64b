package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.ProjectRef;

/** Announced after a project stopped being watched and its state was removed: whatever is kept for it can go. */
public record ProjectLeft(ProjectRef project) {}
