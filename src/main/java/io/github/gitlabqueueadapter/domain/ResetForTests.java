package io.github.gitlabqueueadapter.domain;

/**
 * A bean that keeps state between requests, polls or events, and can forget it: before each Quarkus test, every bean
 * of this type is reset (the tests' FreshStateBeforeEach finds them all), so that a test never reads what an earlier
 * one left. A new stateful bean implements it to be reset; the application itself never calls it.
 */
public interface ResetForTests {

    /** Forgets what was learned since start, as if the application had just started; totals for metrics may stay. */
    void reset();
}
