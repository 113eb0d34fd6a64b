/**
 * How a runner pod of a ScaledJob behaves: {@code gitlab-runner run-single --max-builds 1 --wait-timeout 120}. The pod
 * is Pending for {@code pendingSeconds} (scheduling, image pull: KEDA counts its Job as pending), then Running; the
 * runner has registered {@code startupSeconds} after the pod was created, asks GitLab for a job every
 * {@code askEverySeconds}, takes one, runs it and exits; without a job for {@code waitTimeoutSeconds} after its first
 * ask, it exits empty: a runner started for nothing. A share {@code neverComeShare} of pods never get a node (spot
 * capacity that is not there): they stay Pending until the Job's {@code activeDeadlineSeconds}, {@code
 * neverComeDeadlineSeconds}, fails them.
 */
record RunnerModel(
        int pendingSeconds,
        int startupSeconds,
        int askEverySeconds,
        int waitTimeoutSeconds,
        double neverComeShare,
        int neverComeDeadlineSeconds) {

    /** On-demand nodes: every pod comes, 40 s from creation to its first ask. */
    static final RunnerModel ON_DEMAND = new RunnerModel(30, 40, 3, 120, 0, 600);

    RunnerModel withWaitTimeout(int seconds) {
        return new RunnerModel(
                pendingSeconds, startupSeconds, askEverySeconds, seconds, neverComeShare, neverComeDeadlineSeconds);
    }
}
