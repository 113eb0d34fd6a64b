package io.github.gitlabqueueadapter.domain;

/** Announced when a round of polls over every watched project ended (and its results were announced one by one). */
public record RoundEnded() {}
