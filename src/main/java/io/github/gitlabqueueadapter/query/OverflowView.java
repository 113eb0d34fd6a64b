package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an overflow pool overflows, in its JSON.
 *
 * @param of the pool it overflows (its {@code overflow-of})
 * @param overflowAfterSeconds how long a pending job waits for {@code of}'s runners before it counts here: the largest
 *     {@code overflow-after} along a chain
 * @param pendingWithinOverflowAfter {@code of}'s pending jobs that have not waited that long yet, still waiting for
 *     {@code of}'s runners; absent when {@code of} has no number now
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OverflowView(String of, double overflowAfterSeconds, Integer pendingWithinOverflowAfter) {}
