package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether job events still keep a project's number current. A poll that lists jobs otherwise than events left them
 * (a job no event announced, one that started or finished without one) makes those jobs suspects: their event may
 * still be on its way (GitLab sends job hooks from a background queue). An event about a suspect explains it. A poll
 * at least {@link #GRACE} later that finds a suspect still unexplained means events are lost (the hook was removed
 * or disabled, deliveries fail): the project is polled at the poll interval again, until events arrive again.
 */
public final class EventFeed {

    /** How long an event may take from GitLab to the adapter before its absence counts as lost. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    /** Suspects remembered per project, at most. */
    static final int MAX_SUSPECTS = 1000;

    private EventFeed() {}

    /** The jobs {@code listed} shows otherwise than {@code before}: added, gone, or in another status. */
    public static Set<Long> differences(List<JobState> before, List<JobState> listed) {
        Map<Long, String> known = new HashMap<>();
        before.forEach(job -> known.put(job.id(), job.status()));
        Set<Long> differ = new HashSet<>();
        for (JobState job : listed) {
            String status = known.remove(job.id());
            if (!job.status().equals(status)) {
                differ.add(job.id());
            }
        }
        differ.addAll(known.keySet());
        return differ;
    }

    /**
     * The event memory after a poll that began at {@code pollStart} and listed {@code listed}, where events had left
     * {@code before}.
     */
    static EventMemory afterPoll(EventMemory memory, List<JobState> before, List<JobState> listed, Instant pollStart) {
        if (!memory.flowing()) {
            return memory.suspects() == null ? memory : memory.flowing(false, null);
        }
        EventMemory.Suspects suspects = memory.suspects();
        if (suspects != null && !pollStart.isBefore(suspects.since().plus(GRACE))) {
            return memory.flowing(false, null); // unexplained for a grace period: those events are lost
        }
        Set<Long> differ = differences(before, listed);
        if (differ.isEmpty()) {
            return memory;
        }
        Set<Long> jobs = new HashSet<>(differ);
        Instant since = pollStart;
        if (suspects != null) {
            jobs.addAll(suspects.jobs());
            since = suspects.since();
        }
        if (jobs.size() > MAX_SUSPECTS) {
            return memory.flowing(false, null); // more unexplained jobs than events could be late for
        }
        return memory.flowing(true, new EventMemory.Suspects(jobs, since));
    }
}
