package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a poll found a change that no job event announced: the sign that events are lost (the hook was removed or
 * disabled, deliveries fail) and the project must be polled at the poll interval again. Changes young enough that
 * their event may still be on its way (GitLab sends job hooks from a background queue) are not counted.
 */
public final class EventFeed {

    /** How long an event may take from GitLab to the adapter before its absence counts as lost. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private EventFeed() {}

    /**
     * @param before the jobs as polls and events left them before this poll
     * @param lastEventAt when the last job event was applied, or null
     * @param listed what this poll read (jobs an event saw finish already left out)
     * @param startedAt when this poll began asking GitLab
     */
    public static boolean missedChange(
            ProjectSnapshot before, Instant lastEventAt, List<JobState> listed, Instant startedAt) {
        Instant settled = startedAt.minus(GRACE);
        boolean eventsQuiet = lastEventAt == null || lastEventAt.isBefore(settled);
        Map<Long, String> known = new HashMap<>();
        before.jobs().forEach(job -> known.put(job.id(), job.status()));
        for (JobState job : listed) {
            String status = known.remove(job.id());
            if (status == null) {
                if (job.createdAt() == null || job.createdAt().isBefore(settled)) {
                    return true; // a job GitLab made a while ago that no event announced
                }
            } else if (!status.equals(job.status()) && eventsQuiet) {
                return true; // it started running, and no event said so
            }
        }
        return !known.isEmpty() && eventsQuiet; // jobs that finished without an event
    }
}
