package io.github.gitlabqueueadapter.config;

/**
 * The validation group of every constraint on these mappings ({@code groups = AtStart.class}): the adapter's start
 * (ConfigCheck) checks them together with the rules across keys, one line per bad key naming its environment variable,
 * and only the keys the adapter reads ({@code adapter.redis.*} with {@code adapter.store=redis}). Not jakarta's Default
 * group, which SmallRye checks while it reads the configuration: a failure there ends the start before any other
 * check, in SmallRye's words, and also for keys that the configuration leaves unused.
 */
public interface AtStart {}
