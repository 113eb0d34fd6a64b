package io.github.gitlabqueueadapter.gitlab;

import java.util.concurrent.Callable;

/** Runs one page request under a guard (timeout, retries, and for a project's jobs its circuit breaker). */
@FunctionalInterface
interface PageGuard<T> {

    /** The page {@code request} read, or the exception of its last attempt (or of the breaker that refused it). */
    Page<T> call(Callable<Page<T>> request) throws Exception;
}
