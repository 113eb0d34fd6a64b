package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.WarmUp;
import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a pool's weekly profile expects within the lead, in its {@code capacity}: {@code desired} is at least
 * {@code ceil(expectedJobs / capacity-per-runner)} (within max-runners).
 *
 * @param expectedJobs the jobs the busiest hour of the week known within {@code [now, now + lead]} usually sees;
 *     absent when none of these hours was seen
 * @param hour that hour, {@code Mon 09:00}, in {@code zone}
 * @param weeks how many weeks were seen for it
 * @param leadSeconds how far ahead warm-up looks
 * @param lead where the lead comes from: {@code warm-up.lead}, {@code measured time to capacity}, or {@code time to
 *     capacity not measured yet} (2 minutes)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarmUpView(Integer expectedJobs, String hour, String zone, Integer weeks, long leadSeconds, String lead) {

    static WarmUpView of(WarmUp warmUp) {
        WeeklyProfile.Upcoming busiest = warmUp.busiest();
        return new WarmUpView(
                warmUp.expectedJobs(),
                busiest == null ? null : WeeklyProfile.label(busiest.hourOfWeek()),
                warmUp.zone().getId(),
                busiest == null ? null : busiest.hour().weeks(),
                warmUp.lead().lead().toSeconds(),
                warmUp.lead().source());
    }
}
