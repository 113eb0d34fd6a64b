package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a pool's weekly profile expects of the time just ahead: the busiest hour of the week it knows within
 * {@code [now, now + lead]}, which raises the pool's desired runners before the usual rise comes.
 *
 * @param busiest that hour; null when the profile knows none of these hours
 */
public record WarmUp(ZoneId zone, WarmUpLead lead, WeeklyProfile.Upcoming busiest) {

    /** What {@code profile} expects at {@code now}, looking {@code lead} ahead. */
    public static WarmUp of(WeeklyProfile profile, Instant now, WarmUpLead lead) {
        return new WarmUp(
                profile.zone(), lead, profile.busiestWithin(now, lead.lead()).orElse(null));
    }

    /** The jobs expected; null when nothing is known. */
    public Integer expectedJobs() {
        return busiest == null ? null : busiest.hour().jobs();
    }

    /** "weekly profile: Mon 09:00 Europe/Berlin usually needs 12 jobs, looking 90 s ahead (warm-up.lead)". */
    public String says() {
        String ahead = ", looking " + lead.lead().toSeconds() + " s ahead (" + lead.source() + ")";
        if (busiest == null) {
            return "weekly profile: nothing known of these hours yet" + ahead;
        }
        return "weekly profile: " + WeeklyProfile.label(busiest.hourOfWeek()) + " " + zone.getId() + " usually needs "
                + busiest.hour().jobs() + (busiest.hour().jobs() == 1 ? " job" : " jobs") + ahead;
    }
}
