package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pool's pending jobs as GitLab itself listed them for one runner of each distinct matcher (GraphQL
 * {@code Query.jobs(statuses: [PENDING], compatibleRunnerId:)}), their union by job id, and how the pool's number is
 * made from it: pending from these jobs, running from the polls as always.
 *
 * @param jobs each job once, as last read
 * @param runnersAsked the runner asked for each distinct matcher
 * @param requests the requests the last good read took (its pages)
 * @param capped a listing had more pages than {@code adapter.max-pages}: the real queue is at least this long
 * @param readAt when the last good read ended
 * @param lastError why the last read failed, or null when it did not
 */
public record GitLabCount(
        List<Job> jobs, List<Long> runnersAsked, int requests, boolean capped, Instant readAt, String lastError) {

    /** Most per-project lines a pool's JSON shows; the rest are summed in {@code pending} only. */
    public static final int MAX_PROJECTS_SHOWN = 100;

    /**
     * One pending job as GitLab listed it.
     *
     * @param projectId GitLab's numeric id of its project; null when not given
     * @param projectPath its project's full path; null when not given
     * @param queuedSeconds how long it had waited when read; 0 when GitLab did not say
     */
    public record Job(long id, Long projectId, String projectPath, double queuedSeconds) {

        /** Whether the job is of {@code project}, named by id or path (a path compares as GitLab's routes do). */
        boolean of(ProjectRef project) {
            return projectId != null && project.key().equals(String.valueOf(projectId))
                    || projectPath != null && project.key().equals(projectPath.toLowerCase(Locale.ROOT));
        }
    }

    public GitLabCount {
        jobs = List.copyOf(jobs);
        runnersAsked = List.copyOf(runnersAsked);
    }

    /** The union by job id of the listings of each runner asked. */
    public static GitLabCount union(
            Collection<List<Job>> listings, List<Long> runnersAsked, int requests, boolean capped, Instant readAt) {
        Map<Long, Job> each = new LinkedHashMap<>();
        listings.forEach(listing -> listing.forEach(job -> each.putIfAbsent(job.id(), job)));
        return new GitLabCount(new ArrayList<>(each.values()), runnersAsked, requests, capped, readAt, null);
    }

    /** The same count after a read that failed: the jobs read before still count until they are too old. */
    public GitLabCount failed(String error) {
        return new GitLabCount(jobs, runnersAsked, requests, capped, readAt, error);
    }

    /** The pending jobs of each of {@code members} that has some, at most {@link #MAX_PROJECTS_SHOWN}. */
    public Map<String, Integer> pendingByProject(Collection<ProjectRef> members) {
        Map<String, Integer> pending = new LinkedHashMap<>();
        for (ProjectRef project : members) {
            int count = (int) jobs.stream().filter(job -> job.of(project)).count();
            if (count > 0 && pending.size() < MAX_PROJECTS_SHOWN) {
                pending.put(project.name(), count);
            }
        }
        return pending;
    }

    /**
     * The pool's measurement: {@code running} (the polls' sum, its pending left out) with pending counted from these
     * jobs of the pool's {@code members}. Past {@code maxStaleness} since the last good read there is no number (503);
     * a failed read within it is served {@code stale} with its error, as a failed poll is.
     */
    public Answer<QueueMeasurement> over(
            Answer<QueueMeasurement> running, Collection<ProjectRef> members, Instant now, Duration maxStaleness) {
        if (!(running instanceof Answer.Available<QueueMeasurement> available)) {
            return running;
        }
        double age = Math.max(0, Seconds.between(readAt, now));
        if (age > Seconds.of(maxStaleness)) {
            return new Answer.Unavailable<>(
                    running.name(),
                    "GitLab's own count of the pool's pending jobs was last read " + Math.round(age)
                            + " s ago, more than adapter.max-staleness"
                            + (lastError == null ? "" : "; last error: " + lastError));
        }
        QueueMeasurement polled = available.value();
        Set<Job> counted =
                jobs.stream().filter(job -> members.stream().anyMatch(job::of)).collect(Collectors.toSet());
        double oldest = counted.stream()
                .mapToDouble(job -> job.queuedSeconds() + age)
                .max()
                .orElse(0);
        boolean failed = lastError != null;
        boolean stale = polled.stale() || failed;
        String error = polled.trust().lastError() != null
                ? polled.trust().lastError()
                : failed ? "GitLab's own count: " + lastError : null;
        return new Answer.Available<>(
                running.name(),
                new QueueMeasurement(
                        polled.name(),
                        new QueueCount(counted.size(), polled.running(), Math.round(oldest * 10) / 10.0),
                        polled.observedAt() == null || readAt.isBefore(polled.observedAt())
                                ? readAt
                                : polled.observedAt(),
                        Math.max(polled.ageSeconds(), Math.round(age * 10) / 10.0),
                        new QueueMeasurement.Trust(stale, polled.trust().capped() || capped, stale ? error : null),
                        polled.members(),
                        polled.lastEventAt(),
                        polled.source()));
    }
}
