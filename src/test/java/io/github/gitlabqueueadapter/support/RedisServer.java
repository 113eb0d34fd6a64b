package io.github.gitlabqueueadapter.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package) started by a test on a free loopback port, with nothing saved to
 * disk. Where it is not installed, {@link #assumeInstalled()} skips the test saying so, unless
 * {@code -Dredis.required=true} (CI, see {@code .ci/run}) makes that a failure. {@code -Dredis.binary} names another
 * binary.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final List<String> extraArguments;
    private Process process;

    private RedisServer(int port, List<String> extraArguments) {
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
    }

    /** The redis-server binary: {@code -Dredis.binary}, or the first on PATH; null when there is none. */
    public static String binary() {
        String given = System.getProperty("redis.binary", "");
        if (!given.isBlank()) {
            return new File(given).canExecute() ? given : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    public static boolean installed() {
        return binary() != null;
    }

    /** Skips the calling test when no redis-server is installed (fails it with -Dredis.required=true). */
    public static void assumeInstalled() {
        if (installed()) {
            return;
        }
        String why = "no redis-server on PATH nor -Dredis.binary (Debian: apt-get install redis-server)";
        if (Boolean.getBoolean("redis.required")) {
            fail("redis.required=true, but " + why);
        }
        System.out.println("Redis test skipped: " + why);
        Assumptions.abort(why);
    }

    /** Starts a server on a free port; {@code extraArguments} are redis-server options ({@code --requirepass x}). */
    public static RedisServer start(String... extraArguments) {
        RedisServer server = new RedisServer(freePort(), List.of(extraArguments));
        server.startProcess();
        return server;
    }

    /** Starts a server on a given port (one a client already tries). */
    public static RedisServer startOn(int port) {
        RedisServer server = new RedisServer(port, List.of());
        server.startProcess();
        return server;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once (SIGKILL), as a crash would: no connection is closed cleanly. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the server again on the same port, empty (nothing is saved). */
    public void restart() {
        kill();
        startProcess();
    }

    @Override
    public void close() {
        kill();
    }

    private void startProcess() {
        String binary = binary();
        if (binary == null) {
            throw new IllegalStateException("no redis-server installed");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(extraArguments);
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("redis-" + port + ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with " + process.exitValue() + "; see target/redis-" + port + ".log");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        kill();
        throw new IllegalStateException("redis-server did not listen on port " + port + " within " + START_TIMEOUT);
    }
}
