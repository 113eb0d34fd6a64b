package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSettings;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.RunnerReading;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads one runner or one project's runner settings from GitLab and turns every failure into what the pools show: a
 * runner unknown (404), unreadable (401, 403) or kept as read before (any other failure). A runner or project that
 * cannot be read is logged once when that starts and once when it ends.
 */
@ApplicationScoped
public class RunnerReads implements ResetForTests {

    private static final Logger LOG = Logger.getLogger(RunnerReads.class);

    private final GitLabClient gitlab;
    private final BudgetDemand budget;
    private final Clock clock;
    /** Most runners and projects whose problem is remembered (and logged once); past it, new ones are not logged. */
    static final int MAX_NOTED = 1000;

    /** The problem last logged per runner or project. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    RunnerReads(GitLabClient gitlab, BudgetDemand budget, Clock clock) {
        this.gitlab = gitlab;
        this.budget = budget;
        this.clock = clock;
    }

    /** The runner as GitLab describes it now; a failure is a reading that says why. */
    RunnerReading runner(long id, RunnerReading before) {
        RunnerReading reading;
        budget.readBesidePolls(clock.instant()); // a request of the same budget as the polls
        try {
            reading = RunnerReading.read(gitlab.runner(id), clock.instant());
        } catch (GitLabException e) {
            reading = failed(id, e, before);
        }
        note("runner " + id, reading.problem());
        return reading;
    }

    private RunnerReading failed(long id, GitLabException e, RunnerReading last) {
        return switch (e.kind()) {
            case NOT_FOUND ->
                new RunnerReading(
                        id,
                        RunnerReading.State.UNKNOWN,
                        null,
                        "GitLab answered 404: no such runner, or the token cannot see it",
                        clock.instant());
            case FORBIDDEN, UNAUTHORIZED ->
                new RunnerReading(
                        id,
                        RunnerReading.State.UNREADABLE,
                        null,
                        "GitLab answered " + e.status() + ": reading a runner needs a token with the read_api scope"
                                + " of an administrator, or of an Owner or Maintainer of the runner's project or"
                                + " group",
                        clock.instant());
            default -> {
                yield new RunnerReading(
                        id,
                        RunnerReading.State.FAILED,
                        last == null ? null : last.settings(),
                        e.getMessage() + (last != null && last.settings() != null ? "; counting as read before" : ""),
                        last == null ? null : last.readAt());
            }
        };
    }

    /** The project's runner settings now; after a failure, those known before (or GitLab's defaults). */
    ProjectSettings settings(ProjectRef project, ProjectFacts known) {
        budget.readBesidePolls(clock.instant());
        try {
            ProjectSettings read = gitlab.projectSettings(project);
            note("project " + project.name(), null);
            return read;
        } catch (GitLabException e) {
            note("project " + project.name(), "its runner settings cannot be read: " + e.getMessage());
            return known != null ? known.settings() : ProjectSettings.unknown(project);
        }
    }

    /** Logs a subject's problem once when it starts or changes, and once when it ends. */
    void note(String subject, String problem) {
        if (problem != null && problems.size() >= MAX_NOTED && !problems.containsKey(subject)) {
            return;
        }
        String before = problem == null ? problems.remove(subject) : problems.put(subject, problem);
        if (problem != null && !problem.equals(before)) {
            LOG.warnf("Pools: %s: %s", subject, problem);
        } else if (problem == null && before != null) {
            LOG.infof("Pools: %s is read from GitLab again", subject);
        }
    }

    /** Forgets what was logged, as at start. */
    @Override
    public void reset() {
        problems.clear();
    }
}
