import java.util.List;

/** A row that reads a queue length from the adapter, no capacity keys: {@code total} or {@code pending} of the pool. */
record QueueLengthVariant(String name, String settings, Strategy strategy, boolean withRunning) implements Variant {

    /** (1) Queue length alone: the README's ScaledJob, default strategy on a pool's {@code total}. */
    static QueueLengthVariant alone() {
        return new QueueLengthVariant(
                "queue length alone",
                "ScaledJob, default strategy, `valueLocation: total`, `targetValue: 1`; no capacity keys",
                Strategy.DEFAULT,
                true);
    }

    /** Reference: KEDA's accurate strategy on a pool's {@code pending}, the other reading KEDA's docs suggest. */
    static QueueLengthVariant accurateOnPending() {
        return new QueueLengthVariant(
                "queue length, accurate (reference)",
                "ScaledJob, `scalingStrategy.strategy: accurate`, `valueLocation: pending`, `targetValue: 1`",
                Strategy.ACCURATE,
                false);
    }

    @Override
    public List<ScaledJob> scaledJobs() {
        return List.of(new ScaledJob(
                "runners", strategy, RunnerModel.ON_DEMAND, new QueueLengthTrigger("runners", withRunning)));
    }
}
