package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.Overflow;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueMeasurement;
import io.github.gitlabqueueadapter.watch.Pools;
import io.github.gitlabqueueadapter.watch.QueueMeasurer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * An overflow pool's answer says which pool it overflows and how many of that pool's pending jobs are still waiting
 * for its runners: that pool's pending count at the same moment, less the overflow's own.
 */
@ApplicationScoped
public class PoolOverflows {

    private final Pools pools;
    private final QueueMeasurer measurer;

    PoolOverflows(Pools pools, QueueMeasurer measurer) {
        this.pools = pools;
        this.measurer = measurer;
    }

    /** The pool's view with its overflow at {@code now}; the view itself for a pool that overflows none. */
    public QueueView withOverflow(String pool, QueueView view, Instant now) {
        Overflow overflow = pools.find(pool).map(PoolDefinition::overflow).orElse(null);
        if (overflow == null) {
            return view;
        }
        Answer<QueueMeasurement> of = measurer.measure(QueueKey.pool(overflow.of()), now);
        Integer within = of instanceof Answer.Available<QueueMeasurement> available
                ? Math.max(0, available.value().pending() - view.pending())
                : null;
        return view.withOverflow(new OverflowView(overflow.of(), overflow.afterSeconds(), within));
    }
}
