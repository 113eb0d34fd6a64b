package io.github.gitlabqueueadapter.domain;

/** Announced after a job event changed a project's stored state. */
public record JobEventApplied(ProjectRef project, ProjectState state) {}
