/** One CI job in the simulation: when it became pending, when a runner took it, and when it finished (-1: not yet). */
final class Job {

    final int id;
    final Pipeline pipeline;
    final int duration;
    long pendingAt = -1;
    /** The order in which jobs became pending: the queue hands them out in this order, oldest first. */
    long pendingSeq = -1;

    long takenAt = -1;
    long finishedAt = -1;
    Pod pod;

    Job(int id, Pipeline pipeline, int duration) {
        this.id = id;
        this.pipeline = pipeline;
        this.duration = duration;
    }

    long waited() {
        return takenAt - pendingAt;
    }
}
