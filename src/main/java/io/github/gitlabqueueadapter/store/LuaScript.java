package io.github.gitlabqueueadapter.store;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of {@code src/main/resources/redis/}, run atomically by Redis. Its text is read once, when the class
 * that holds it is loaded, and called by its SHA1 ({@code EVALSHA}), which Redis computes the same way: no script text
 * travels with a call. Redis forgets its scripts when it restarts or is told to ({@code SCRIPT FLUSH}); a call that
 * finds the script unknown ({@code NOSCRIPT}) loads it ({@code SCRIPT LOAD}) and is sent again
 * ({@link RedisCalls#send(Call)}). The files are in the native image through
 * {@code quarkus.native.resources.includes}.
 */
final class LuaScript {

    private static final String FOLDER = "redis/";

    private final String name;
    private final String text;
    private final String sha;

    private LuaScript(String name, String text) {
        this.name = name;
        this.text = text;
        this.sha = sha1(text);
    }

    /** The script made of these files of {@code redis/} ({@code .lua} left out), one after the other. */
    static LuaScript of(String... files) {
        StringBuilder text = new StringBuilder();
        for (String file : files) {
            text.append(read(FOLDER + file + ".lua"));
        }
        return new LuaScript(String.join("+", files), text.toString());
    }

    /** A call of the script being made: {@code EVALSHA}, then its keys and its arguments. */
    static final class Call {
        private final LuaScript script;
        private final Request request;

        private Call(LuaScript script, Request request) {
            this.script = script;
            this.request = request;
        }

        Call arg(String value) {
            request.arg(value);
            return this;
        }

        Call arg(long value) {
            request.arg(value);
            return this;
        }

        LuaScript script() {
            return script;
        }

        Request request() {
            return request;
        }
    }

    /** A call of the script, with how many of the arguments that follow are keys. */
    Call call(int keys) {
        return new Call(this, Request.cmd(Command.EVALSHA).arg(sha).arg(keys));
    }

    /** Gives the script to Redis, which answers with its SHA1. */
    Request load() {
        return Request.cmd(Command.SCRIPT).arg("LOAD").arg(text);
    }

    String sha() {
        return sha;
    }

    /** Whether Redis refused a call because it does not know the script (restarted, flushed, another Redis). */
    static boolean unknownTo(Throwable error) {
        return error != null && error.getMessage() != null && error.getMessage().startsWith("NOSCRIPT");
    }

    @Override
    public String toString() {
        return name + " (" + sha + ")";
    }

    private static String read(String resource) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " in the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + resource + " failed", e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java", e);
        }
    }
}
