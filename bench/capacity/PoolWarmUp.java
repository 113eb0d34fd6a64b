import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.DesiredRunners;
import io.github.gitlabqueueadapter.domain.WarmUp;
import io.github.gitlabqueueadapter.domain.WarmUpLead;
import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.github.gitlabqueueadapter.insight.ScalingTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the adapter learns of a pool with warm-up ({@code warm-up.enabled=true}, {@code warm-up.timezone} the team's
 * zone, no {@code warm-up.lead}), fed as the product feeds it: at each sample ({@code insight/InsightRecorder}) the
 * pool's {@link WeeklyProfile} observes pending + running ({@code insight/DemandProfiles}) and its
 * {@link ScalingTimeline} the pending jobs and the oldest one's wait; at each read the {@link WarmUp} that
 * {@code query/PoolWarmUps} makes of them, looking ahead the timeline's measured time to capacity, or 2 minutes before
 * one was measured ({@link WarmUpLead}). Counts, from {@code reportFrom} on, how often the warm-up raised the need and
 * how far it looked.
 */
final class PoolWarmUp {

    /** The timeline's bounds: the defaults of {@code adapter.history.*} and {@code adapter.scaling.*}. */
    private static final ScalingTimeline.Limits DEFAULTS = new ScalingTimeline.Limits(
            Duration.ofHours(6),
            1000,
            10,
            Duration.ofMinutes(10),
            Duration.ofMinutes(2),
            Duration.ofSeconds(60),
            50,
            8);

    /**
     * Without a job event, the adapter samples a pool after each poll (every 15 s by default, every reconcile-interval
     * with job events): every 30 s here, often enough for each hour to be sampled from its first 15 minutes.
     */
    private static final int POLL_SECONDS = 30;

    private final long reportFrom;
    private final ScalingTimeline timeline = new ScalingTimeline(DEFAULTS);
    private WeeklyProfile profile = WeeklyProfile.empty(WorkdayShape.ZONE);
    private long changesSampled = -1;
    private long sampledAt;
    private long reads;
    private long raised;
    private long unmeasured;
    private long leastLead = Long.MAX_VALUE;
    private long mostLead = -1;

    PoolWarmUp(long reportFrom) {
        this.reportFrom = reportFrom;
    }

    /**
     * A second of the pool's queue: sampled when it changed (a job event makes the adapter sample the pool), and at
     * least every {@value #POLL_SECONDS} s (a poll does): its pending and running jobs, and its oldest job's wait.
     */
    void second(Instant now, long second, QueueState queue, String pool) {
        if (queue.changes() == changesSampled && second - sampledAt < POLL_SECONDS) {
            return;
        }
        changesSampled = queue.changes();
        sampledAt = second;
        int pending = queue.pending();
        profile = profile.observe(now, pending + queue.runningOn(pool));
        timeline.sampled(now, pending, queue.oldestPendingSeconds(second));
    }

    /** A read's need raised to what the profile expects within the lead ({@code DesiredRunners.warmedUp}). */
    DesiredRunners warmed(CapacityPlan plan, DesiredRunners reading, Instant now, long second) {
        Double measured = timeline.capacity(now).medianSeconds();
        WarmUp warmUp = WarmUp.of(profile, now, WarmUpLead.of(Optional.empty(), measured));
        DesiredRunners warmed = reading.warmedUp(plan, warmUp);
        if (second >= reportFrom) {
            reads++;
            raised += warmed.need() > reading.need() ? 1 : 0;
            unmeasured += measured == null ? 1 : 0;
            long lead = warmUp.lead().lead().toSeconds();
            leastLead = Math.min(leastLead, lead);
            mostLead = Math.max(mostLead, lead);
        }
        return warmed;
    }

    /** "warm-up raised the need at 41 % of the reads of the days reported, looking 3 to 62 s ahead (...)". */
    String notes() {
        if (reads == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "from week 2 on, the profile (%d hours of the week seen) raised the need at %.0f %% of KEDA's reads, "
                        + "looking %d to %d s ahead (the measured time to capacity%s)",
                profile.hoursSeen(),
                100.0 * raised / reads,
                leastLead,
                mostLead,
                unmeasured == 0 ? "" : "; 2 minutes at " + unmeasured + " reads, before one was measured");
    }
}
