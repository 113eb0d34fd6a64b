package io.github.gitlabqueueadapter.domain;

import java.util.Map;

/**
 * What GitLab said about one project that decides which runners take its jobs: its settings, and whether the refs of
 * its pending jobs are protected (GitLab's own {@code protected} of the branch or tag; a ref not read yet is unknown).
 */
public record ProjectFacts(ProjectSettings settings, Map<JobRef, Boolean> protectedRefs) {

    public ProjectFacts {
        protectedRefs = Map.copyOf(protectedRefs);
    }

    /** Nothing read yet: the project by its configured name, GitLab's defaults, no ref's protection known. */
    public static ProjectFacts unknown(ProjectRef project) {
        return new ProjectFacts(ProjectSettings.unknown(project), Map.of());
    }

    /** Whether the job's ref is protected, or null while that is unknown. */
    public Boolean isProtected(JobState job) {
        return job.ref() == null ? null : protectedRefs.get(job.ref());
    }
}
