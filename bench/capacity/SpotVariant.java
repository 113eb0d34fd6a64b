import io.github.gitlabqueueadapter.domain.Overflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Spot runners, a share of which never come ({@link RunnerModel#SPOT}): a ScaledJob of spot runners on the spot pool's
 * {@code total}, alone or with an on-demand ScaledJob on the {@code total} of an overflow pool ({@code
 * overflow-of=spot}), whose runners always come: docs/autoscalers.md's two
 * ScaledJobs.
 */
record SpotVariant(boolean overflow, Duration after) implements Variant {

    static SpotVariant alone() {
        return new SpotVariant(false, null);
    }

    /** With an on-demand overflow pool whose {@code overflow-after} is {@code after}. */
    static SpotVariant withOverflow(Duration after) {
        return new SpotVariant(true, after);
    }

    @Override
    public String name() {
        return overflow ? "spot + on-demand overflow after " + after.toSeconds() + " s" : "spot only";
    }

    @Override
    public String settings() {
        String spot = String.format(
                "ScaledJob `spot`, default strategy, `valueLocation: total` of the pool `spot`; %.0f %% of its pods "
                        + "never get a node and fail at the Job's `activeDeadlineSeconds: %d`",
                100 * RunnerModel.SPOT.neverComeShare(), RunnerModel.SPOT.neverComeDeadlineSeconds());
        if (!overflow) {
            return spot;
        }
        return spot + "; ScaledJob `on-demand`, default strategy, `valueLocation: total` of the pool `on-demand` "
                + "(`overflow-of=spot`, `overflow-after=" + after.toSeconds() + "s`"
                + (after.equals(Overflow.DEFAULT_AFTER) ? ", the default" : "") + "): spot's pending "
                + "jobs that waited " + after.toSeconds() + " s or more, plus the jobs on its own runners";
    }

    @Override
    public List<ScaledJob> scaledJobs() {
        List<ScaledJob> scaledJobs = new ArrayList<>();
        scaledJobs.add(new ScaledJob("spot", Strategy.DEFAULT, RunnerModel.SPOT, new QueueLengthTrigger("spot", true)));
        if (overflow) {
            scaledJobs.add(new ScaledJob(
                    "on-demand",
                    Strategy.DEFAULT,
                    RunnerModel.ON_DEMAND,
                    new OverflowTrigger("on-demand", new Overflow("spot", "spot", after))));
        }
        return List.copyOf(scaledJobs);
    }
}
