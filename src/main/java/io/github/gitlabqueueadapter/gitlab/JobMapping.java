package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.JobLimits;
import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.JobState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reduces GitLab's job to the fields the adapter keeps. */
final class JobMapping {

    private JobMapping() {}

    /** GitLab's jobs as the adapter keeps them, each brought inside {@link JobLimits} (and said when it was not). */
    static JobsFetch toFetch(List<GitLabJob> listed, int pages, boolean capped, Instant now) {
        List<JobState> jobs = new ArrayList<>(listed.size());
        int outOfRange = 0;
        String first = null;
        Long projectId = null;
        for (GitLabJob job : listed) {
            if (projectId == null && job.pipeline() != null && job.pipeline().projectId() != null) {
                projectId = job.pipeline().projectId() > 0 ? job.pipeline().projectId() : null;
            }
            JobLimits.Clamped clamped = JobLimits.clamp(toState(job), now);
            if (clamped.wasChanged()) {
                outOfRange++;
                first = first != null ? first : "job " + job.id() + ": " + String.join(", ", clamped.changed());
            }
            jobs.add(clamped.job());
        }
        return new JobsFetch(jobs, pages, capped, outOfRange, first, projectId);
    }

    /** GitLab's ISO 8601 time, or null when there is none or it cannot be read. */
    private static Instant createdAt(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static JobState toState(GitLabJob job) {
        List<String> tags = job.tagList() == null
                ? List.of()
                : job.tagList().stream().filter(Objects::nonNull).toList();
        return new JobState(
                job.id(),
                job.status(),
                tags,
                job.runner() == null ? null : job.runner().id(),
                job.runner() == null ? null : job.runner().description(),
                job.queuedDuration(),
                createdAt(job.createdAt()),
                true,
                JobRef.of(job.ref(), job.tag()));
    }
}
