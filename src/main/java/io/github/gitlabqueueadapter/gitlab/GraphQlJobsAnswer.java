package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * GitLab's answer to {@link CompatibleJobs}'s query, the fields the adapter reads (app/graphql/types/query_type.rb
 * {@code jobs} and {@code runner}, app/graphql/types/ci/job_type.rb, GraphQL's connection {@code pageInfo}).
 *
 * @param data null when the query could not run at all
 * @param errors GraphQL's errors (an unknown field or argument, a refusal); null when none
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphQlJobsAnswer(Data data, List<Error> errors) {

    /**
     * @param runner the runner asked about, null when the token may not read it
     * @param jobs the pending jobs it may take, null when GitLab refused the field
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(Runner runner, Jobs jobs) {}

    /** @param id {@code gid://gitlab/Ci::Runner/N} */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Runner(String id) {}

    /** One page of a connection. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Jobs(PageInfo pageInfo, List<Job> nodes) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PageInfo(boolean hasNextPage, String endCursor) {}

    /**
     * @param id {@code gid://gitlab/Ci::Build/N}
     * @param queuedDuration seconds the job has waited (GitLab's {@code Duration} scalar, a float)
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(String id, String status, List<String> tags, Double queuedDuration, Project project) {}

    /** @param id {@code gid://gitlab/Project/N} */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Project(String id, String fullPath) {}

    /** @param extensions graphql-ruby's {@code code} ({@code undefinedField}, {@code argumentNotAccepted}) and more */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String message, Map<String, Object> extensions) {}
}
