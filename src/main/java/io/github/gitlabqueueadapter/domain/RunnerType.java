package io.github.gitlabqueueadapter.domain;

import java.util.Locale;
import java.util.Optional;

/** GitLab's {@code runner_type}: where a runner may take jobs from. */
public enum RunnerType {
    /** {@code instance_type}: any project with shared runners enabled. */
    INSTANCE,
    /** {@code group_type}: the projects of its group and the group's subgroups, with group runners enabled. */
    GROUP,
    /** {@code project_type}: the projects it is assigned to. */
    PROJECT;

    /** GitLab's name: {@code instance_type}, {@code group_type}, {@code project_type}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT) + "_type";
    }

    public static Optional<RunnerType> ofCode(String code) {
        for (RunnerType type : values()) {
            if (type.code().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
