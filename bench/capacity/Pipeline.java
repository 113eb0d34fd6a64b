import java.util.ArrayList;
import java.util.List;

/** A pipeline being replayed: its stages of jobs, the one running now, and whether it is done. */
final class Pipeline {

    final Workload.Planned planned;
    final List<List<Job>> stages = new ArrayList<>();
    private int stage;
    private int unfinished;

    Pipeline(Workload.Planned planned, int firstJobId) {
        this.planned = planned;
        int id = firstJobId;
        for (int[] durations : planned.stages()) {
            List<Job> jobs = new ArrayList<>();
            for (int duration : durations) {
                jobs.add(new Job(id++, this, duration));
            }
            stages.add(List.copyOf(jobs));
        }
    }

    /** The jobs that become pending now: the first stage's. */
    List<Job> start() {
        unfinished = stages.get(0).size();
        return stages.get(0);
    }

    /** One of the current stage's jobs finished: the next stage's jobs when that was the last, else none. */
    List<Job> finished() {
        unfinished--;
        if (unfinished > 0 || stage + 1 >= stages.size()) {
            return List.of();
        }
        stage++;
        unfinished = stages.get(stage).size();
        return stages.get(stage);
    }
}
