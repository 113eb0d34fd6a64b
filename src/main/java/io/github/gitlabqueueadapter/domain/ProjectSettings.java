package io.github.gitlabqueueadapter.domain;

import java.util.Locale;

/**
 * What decides which runners may take a project's jobs ({@code GET /projects/:id}). A flag GitLab did not send (the
 * token's role may not read it) is null: unknown, and taken as GitLab's default, enabled.
 *
 * @param id the numeric id, or null when unknown
 * @param path the full path ({@code group/sub/app}), or null when unknown
 */
public record ProjectSettings(Long id, String path, Boolean sharedRunnersEnabled, Boolean groupRunnersEnabled) {

    /** A project known only by the name it was configured with: its id or its path, nothing else. */
    public static ProjectSettings unknown(ProjectRef project) {
        String name = project.name();
        boolean numeric = name.chars().allMatch(Character::isDigit);
        return new ProjectSettings(numeric ? Long.valueOf(name) : null, numeric ? null : name, null, null);
    }

    /** Whether instance runners take its jobs: GitLab's default when unknown. */
    public boolean sharedRunners() {
        return !Boolean.FALSE.equals(sharedRunnersEnabled);
    }

    /** Whether group runners take its jobs: GitLab's default when unknown. */
    public boolean groupRunners() {
        return !Boolean.FALSE.equals(groupRunnersEnabled);
    }

    /** Whether it lies in the group of {@code groupPath} or one of its subgroups (paths compare ignoring case). */
    public boolean inGroup(String groupPath) {
        if (path == null) {
            return false;
        }
        String own = path.toLowerCase(Locale.ROOT);
        String group = groupPath.toLowerCase(Locale.ROOT);
        return own.startsWith(group + "/");
    }
}
