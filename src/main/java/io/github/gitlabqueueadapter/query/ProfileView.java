package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A pool's weekly profile of demand as its JSON shows it: the hour now and the {@value #NEXT_HOURS} - 1 after it.
 *
 * @param zone the IANA zone the hours of the week are read in ({@code warm-up.timezone})
 * @param weeksSeen the most weeks any hour of the week was seen for
 * @param hoursSeen how many of the 168 hours of the week were seen at least once
 * @param next the hour now and those after it, {@value #NEXT_HOURS} in all
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(String zone, int weeksSeen, int hoursSeen, List<Hour> next) {

    /** How many hours {@code next} lists: a day ahead. */
    public static final int NEXT_HOURS = 24;

    /**
     * One hour of the week.
     *
     * @param hour {@code Mon 09:00}, in the profile's zone
     * @param startsAt when it starts
     * @param expectedJobs the jobs such an hour usually sees (the mean of its peaks over weeks, rounded); absent when
     *     no week was seen for it
     * @param weeks how many weeks were seen for it
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hour(String hour, Instant startsAt, Integer expectedJobs, int weeks) {}

    static ProfileView of(WeeklyProfile profile, Instant now) {
        return new ProfileView(
                profile.zone().getId(),
                profile.weeksSeen(),
                profile.hoursSeen(),
                profile.next(now, NEXT_HOURS).stream()
                        .map(hour -> new Hour(
                                WeeklyProfile.label(hour.hourOfWeek()),
                                hour.startsAt(),
                                hour.hour().seen() ? hour.hour().jobs() : null,
                                hour.hour().weeks()))
                        .toList());
    }
}
