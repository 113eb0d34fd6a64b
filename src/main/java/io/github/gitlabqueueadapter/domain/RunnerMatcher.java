package io.github.gitlabqueueadapter.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * GitLab's rule for whether a runner may take a job (lib/gitlab/ci/matching/runner_matcher.rb, accepting_tags?):
 * {@code (run_untagged || job has tags) && job.tags ⊆ runner.tags}.
 *
 * <p>Tags compare exactly, case included: GitLab sets {@code ActsAsTaggableOn.strict_case_match = true}
 * (config/initializers/acts_as_taggable.rb), so {@code Docker} and {@code docker} are two tags. A tag list given by
 * a person is split on commas with blanks around each tag removed and empty tags dropped, as GitLab's tag list parser
 * does. The rest of GitLab's rule (paused, protected refs, scope) is {@link RunnerRule}'s.
 */
public record RunnerMatcher(Set<String> tags, boolean runUntagged) {

    public RunnerMatcher {
        tags = Set.copyOf(tags);
    }

    /** Whether a runner with these tags and flag takes a job with {@code jobTags}. */
    public boolean takes(Collection<String> jobTags) {
        return (runUntagged || !jobTags.isEmpty()) && tags.containsAll(jobTags);
    }

    /** A comma-separated tag list as GitLab reads one: {@code "docker, linux,,"} is {docker, linux}. */
    public static Set<String> parseTags(String commaSeparated) {
        if (commaSeparated == null) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .forEach(tags::add);
        return tags;
    }
}
