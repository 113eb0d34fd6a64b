package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSettings;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Asks GitLab the id of projects configured by path whose id is not known yet ({@code GET /projects/:path}, one
 * request each, inside the budget), at start and with every group listing, at most {@link #PER_ROUND} a round so that
 * a large configuration does not spend its budget on names: a project named twice is then one project from its first
 * poll on, and a job event that names only {@code project_id} finds it. Polls and job events teach ids too.
 */
@ApplicationScoped
class NameResolution {

    private static final Logger LOG = Logger.getLogger(NameResolution.class);

    /** Paths asked per round, at most. */
    static final int PER_ROUND = 50;

    private final GitLabClient gitlab;
    private final WatchedProjects watched;
    private final SnapshotWriter writer;

    NameResolution(GitLabClient gitlab, WatchedProjects watched, SnapshotWriter writer) {
        this.gitlab = gitlab;
        this.watched = watched;
        this.writer = writer;
    }

    /** Resolves what it can; a path GitLab does not answer for is asked again next time. */
    void resolve() {
        boolean merged = false;
        for (ProjectRef path :
                watched.pathsWithoutId().stream().limit(PER_ROUND).toList()) {
            try {
                ProjectSettings read = gitlab.projectSettings(path);
                if (read.id() != null && read.id() > 0) {
                    merged |= watched.learn(path, read.id());
                }
            } catch (GitLabException e) {
                LOG.debugf("Project %s: its id could not be read (%s); its polls will tell", path, e.getMessage());
            }
        }
        if (merged) {
            writer.retain(watched::isWatched); // names of one project: one state
        }
    }
}
