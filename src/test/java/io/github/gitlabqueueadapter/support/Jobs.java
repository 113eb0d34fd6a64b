package io.github.gitlabqueueadapter.support;

import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.JobState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Jobs for tests, named by what matters to the test: {@code Jobs.pending(7).tags("docker").queued(1.5).build()}. What
 * is not said is as GitLab's jobs API lists a fresh job: no tags, no runner, no wait or creation time, tags known, ref
 * unknown.
 */
public final class Jobs {

    private Jobs() {}

    public static Builder pending(long id) {
        return job(id, JobState.PENDING);
    }

    public static Builder running(long id) {
        return job(id, JobState.RUNNING);
    }

    /** A job of any status: {@code "success"}, {@code "canceled"}, {@code "created"}... */
    public static Builder job(long id, String status) {
        return new Builder(id, status);
    }

    public static final class Builder {
        private final long id;
        private final String status;
        private List<String> tags = List.of();
        private Long runnerId;
        private String runnerDescription;
        private Double queuedSeconds;
        private Instant createdAt;
        private boolean tagsKnown = true;
        private JobRef ref;

        private Builder(long id, String status) {
            this.id = id;
            this.status = status;
        }

        public Builder tags(String... tags) {
            this.tags = Arrays.asList(tags);
            return this;
        }

        /** The tags as a list; null is no tags, as the record reads it. */
        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /** The runner that runs the job; a null id is no runner. */
        public Builder runner(Long id, String description) {
            this.runnerId = id;
            this.runnerDescription = description;
            return this;
        }

        /** How long the job had waited when it was read (GitLab's {@code queued_duration}); null is unknown. */
        public Builder queued(Double seconds) {
            this.queuedSeconds = seconds;
            return this;
        }

        public Builder createdAt(Instant at) {
            this.createdAt = at;
            return this;
        }

        /** As a Job Hook adds a job: its tags are not known until a read from GitLab brings them. */
        public Builder tagsUnknown() {
            return tagsKnown(false);
        }

        public Builder tagsKnown(boolean known) {
            this.tagsKnown = known;
            return this;
        }

        /** The git ref the job runs for; null (the default) is unknown, as for a job a Job Hook added. */
        public Builder ref(JobRef ref) {
            this.ref = ref;
            return this;
        }

        public JobState build() {
            return new JobState(
                    id, status, tags, runnerId, runnerDescription, queuedSeconds, createdAt, tagsKnown, ref);
        }
    }
}
