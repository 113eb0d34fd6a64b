package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.GitLabCount;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * How GitLab counted a pool's pending jobs ({@code gitlab.instance-count=graphql}), for people.
 *
 * @param readAt when GitLab's count was last read whole
 * @param runnersAsked the one runner asked for each distinct matcher of the pool's runners
 * @param requests the GraphQL requests (pages) that read took
 * @param projects each of the pool's projects with pending jobs in that count, at most 100
 * @param lastError why the last read failed, while the count before is served stale; absent otherwise
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitLabCountView(
        Instant readAt, List<Long> runnersAsked, int requests, List<ProjectPending> projects, String lastError) {

    /** One project's pending jobs for this pool, as GitLab listed them. */
    @RegisterForReflection
    public record ProjectPending(String project, int pending) {}

    static GitLabCountView of(GitLabCount count, Collection<ProjectRef> members) {
        return new GitLabCountView(
                count.readAt(),
                count.runnersAsked(),
                count.requests(),
                count.pendingByProject(members).entrySet().stream()
                        .map(e -> new ProjectPending(e.getKey(), e.getValue()))
                        .toList(),
                count.lastError());
    }
}
