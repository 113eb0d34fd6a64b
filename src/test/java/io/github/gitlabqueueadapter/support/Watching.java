package io.github.gitlabqueueadapter.support;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Quarkus test watches (projects, groups, pools) and any other key it needs, as a test profile's configuration:
 * {@code Watching.projects("it/empty").pool("docker", "projects", "it/pool-a", "tags", "docker").config()}. The
 * shared {@code %test} configuration watches nothing, so a test class that names no profile does not start.
 */
public final class Watching {

    private final Set<String> projects = new LinkedHashSet<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, String> keys = new LinkedHashMap<>();

    private Watching() {}

    public static Watching projects(String... projects) {
        return new Watching().andProjects(projects);
    }

    public static Watching nothingYet() {
        return new Watching();
    }

    public Watching andProjects(String... projects) {
        this.projects.addAll(List.of(projects));
        return this;
    }

    public Watching groups(String... groups) {
        this.groups.addAll(List.of(groups));
        return this;
    }

    /** Pool {@code name}, from key, value, key, value... under {@code adapter.pools.<name>.}. */
    public Watching pool(String name, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values go in pairs: " + String.join(", ", keyValues));
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            set("adapter.pools." + name + "." + keyValues[i], keyValues[i + 1]);
        }
        return this;
    }

    /** Any other key; a key given twice must have one value, so that two tests sharing a profile agree. */
    public Watching set(String key, String value) {
        String before = keys.putIfAbsent(key, value);
        if (before != null && !before.equals(value)) {
            throw new IllegalArgumentException(key + " is " + before + " and " + value);
        }
        return this;
    }

    /** This and {@code other} together: the projects and groups of both, the keys of both (which must agree). */
    public Watching and(Watching other) {
        projects.addAll(other.projects);
        groups.addAll(other.groups);
        other.keys.forEach(this::set);
        return this;
    }

    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(keys);
        if (!projects.isEmpty()) {
            config.put("adapter.projects", String.join(",", projects));
        }
        if (!groups.isEmpty()) {
            config.put("adapter.groups", String.join(",", groups));
        }
        return config;
    }
}
