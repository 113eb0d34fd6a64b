/**
 * How a runner pod of a ScaledJob behaves: {@code gitlab-runner run-single --max-builds 1 --wait-timeout 120}. The pod
 * is Pending for {@code pendingSeconds} (scheduling, image pull: KEDA counts its Job as pending), then Running; the
 * runner has registered {@code startupSeconds} after the pod was created, asks GitLab for a job every
 * {@code askEverySeconds}, takes one, runs it and exits; without a job for {@code waitTimeoutSeconds} after its first
 * ask, it exits empty: a runner started for nothing. A share {@code neverComeShare} of pods never get a node (spot
 * capacity that is not there): they stay Pending until the Job's {@code activeDeadlineSeconds}, {@code
 * neverComeDeadlineSeconds}, fails them; until then KEDA counts the Job as running (kedacore/keda's
 * {@code getRunningJobCount} counts every Job without a Complete or Failed condition; KEDA has no timeout of its own
 * for a pod that never schedules). The deadline must outlast a runner that comes (start-up, wait-timeout and the
 * longest job: 40 + 120 + 600 s here), or it would kill a running job.
 *
 * @param spot whether the pods run on spot nodes, whose runner-hours cost {@link #SPOT_PRICE} of on-demand's
 */
record RunnerModel(
        int pendingSeconds,
        int startupSeconds,
        int askEverySeconds,
        int waitTimeoutSeconds,
        double neverComeShare,
        int neverComeDeadlineSeconds,
        boolean spot) {

    /** A spot runner-hour's price, an on-demand one's being 1. */
    static final double SPOT_PRICE = 1.0 / 3;

    /** On-demand nodes: every pod comes, 40 s from creation to its first ask. */
    static final RunnerModel ON_DEMAND = new RunnerModel(30, 40, 3, 120, 0, 900, false);

    /** Spot nodes: as on-demand, but 30 % of the pods never get a node and are failed after 15 minutes. */
    static final RunnerModel SPOT = new RunnerModel(30, 40, 3, 120, 0.3, 900, true);

    RunnerModel withWaitTimeout(int seconds) {
        return new RunnerModel(
                pendingSeconds,
                startupSeconds,
                askEverySeconds,
                seconds,
                neverComeShare,
                neverComeDeadlineSeconds,
                spot);
    }

    /** The price of one of its runner-hours, an on-demand one's being 1. */
    double price() {
        return spot ? SPOT_PRICE : 1;
    }
}
