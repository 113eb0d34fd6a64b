package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.JobLimits;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.gitlab.JobsFetch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Says, once when it starts and once when it ends, that GitLab lists a project's jobs with fields outside
 * {@link JobLimits} (brought inside them, so the count goes on): a GitLab or proxy that sends such data is worth a
 * look, but not a line every poll.
 */
final class OutOfRangeJobs {

    private static final Logger LOG = Logger.getLogger(OutOfRangeJobs.class);

    /** The projects whose last reading had such jobs, and how many polls in a row did. */
    private final Map<ProjectRef, Integer> since = new ConcurrentHashMap<>();

    void read(ProjectRef project, JobsFetch fetch) {
        if (fetch.outOfRange() > 0) {
            if (since.merge(project, 1, Integer::sum) == 1) {
                LOG.warnf(
                        "Project %s: GitLab listed %d jobs with fields out of range (%s); they are counted with those"
                                + " fields dropped or cut",
                        project, fetch.outOfRange(), fetch.firstOutOfRange());
            }
        } else {
            Integer polls = since.remove(project);
            if (polls != null) {
                LOG.infof("Project %s: GitLab lists its jobs in range again, after %d polls", project, polls);
            }
        }
    }

    void forget(ProjectRef project) {
        since.remove(project);
    }
}
