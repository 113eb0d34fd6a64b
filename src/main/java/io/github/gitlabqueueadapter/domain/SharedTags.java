package io.github.gitlabqueueadapter.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's tags as the strings the project's other jobs already hold: GitLab's jobs share a few tag lists, so a
 * project's jobs cost one copy of each distinct tag. Events bring tags of their own; past
 * {@link JobLimits#MAX_DISTINCT_TAG_CHARS} distinct characters a project takes no new tag from them.
 */
final class SharedTags {

    private SharedTags() {}

    /** {@code tags} as the strings {@code jobs} hold; null when its new tags would pass the project's bound. */
    static List<String> of(List<JobState> jobs, List<String> tags) {
        if (tags.isEmpty()) {
            return tags;
        }
        Map<String, String> held = new HashMap<>();
        long chars = 0;
        for (JobState job : jobs) {
            for (String tag : job.tags()) {
                if (held.putIfAbsent(tag, tag) == null) {
                    chars += tag.length();
                }
            }
        }
        List<String> shared = new ArrayList<>(tags.size());
        for (String tag : tags) {
            String same = held.get(tag);
            if (same == null) {
                chars += tag.length();
                held.put(tag, tag);
                same = tag;
            }
            shared.add(same);
        }
        return chars > JobLimits.MAX_DISTINCT_TAG_CHARS ? null : shared;
    }
}
