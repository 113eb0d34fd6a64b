package io.github.gitlabqueueadapter.domain;

/** Announced after a project stopped being watched and its state was removed: whatever is kept for it can go. */
public record ProjectLeft(ProjectRef project) {}
