package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.ProjectRef;

/**
 * Announced when GitLab answered 404 for a project watched only because a group lists it: the group is listed again
 * to learn whether the project left (deleted, moved, archived) or GitLab only blinked. Until then it counts as
 * unavailable.
 */
public record MemberNotFound(ProjectRef project) {}
