package io.github.gitlabqueueadapter.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls to Redis that wait at most {@code adapter.redis.timeout}: every user of Redis in this package goes through
 * it, so that no call can hang a poll, a webhook delivery or a start.
 */
final class RedisCalls {

    /** Redis did not answer, or answered with an error. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private final Redis redis;
    private final Duration timeout;

    RedisCalls(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    Redis client() {
        return redis;
    }

    Duration timeout() {
        return timeout;
    }

    Response call(Request request) throws Unreachable {
        return await(redis.send(request));
    }

    /** Runs a script, waiting at most {@code adapter.redis.timeout} in all; see {@link #send(LuaScript.Call)}. */
    Response run(LuaScript.Call call) throws Unreachable {
        return await(send(call));
    }

    /**
     * Sends a call of a script ({@link LuaScript#call}) without waiting. When Redis does not know the script (it
     * restarted, its scripts were flushed), the script is loaded and the call sent again: once, as a script loaded
     * stays until the next restart or flush.
     */
    Future<Response> send(LuaScript.Call call) {
        return redis.send(call.request())
                .recover(error -> LuaScript.unknownTo(error)
                        ? redis.send(call.script().load()).compose(loaded -> redis.send(call.request()))
                        : Future.failedFuture(error));
    }

    /** Waits at most {@code adapter.redis.timeout} for Redis. */
    <T> T await(Future<T> future) throws Unreachable {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unreachable("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new Unreachable(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    /** A duration as a person reads it: {@code 200 ms}, {@code 34.5 s}. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** An error as a sentence for the log, with any credentials of a URI taken out. */
    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.replaceAll("//[^/@\\s]*@", "//");
    }
}
