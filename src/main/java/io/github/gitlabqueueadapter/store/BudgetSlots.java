package io.github.gitlabqueueadapter.store;

import java.time.Duration;
import java.util.Optional;

/**
 * The request budget's pace among replicas: GitLab's limit is per token, so replicas that share a token share one
 * budget. Alone ({@code adapter.store=memory}) there is nothing to share and the budget paces this process.
 */
public interface BudgetSlots {

    /** A replica that runs alone: it books nothing beyond its own pace. */
    BudgetSlots ALONE = new BudgetSlots() {
        @Override
        public Optional<Duration> book(Duration spacing) {
            return Optional.empty();
        }

        @Override
        public void pauseFor(Duration wait) {}

        @Override
        public int replicas() {
            return 1;
        }
    };

    /**
     * Books the next request's slot among all replicas, {@code spacing} after the one booked before it by any of them
     * (and after a pause one of them was told by a 429): how long from now until the slot. Empty when it cannot be
     * booked (alone, or Redis unreachable): the caller paces by itself at its share, {@code spacing * replicas()}.
     */
    Optional<Duration> book(Duration spacing);

    /** GitLab answered 429 and asked to wait: no replica's request leaves within {@code wait} from now. */
    void pauseFor(Duration wait);

    /** The replicas that share the budget, as last seen; 1 alone. */
    int replicas();
}
