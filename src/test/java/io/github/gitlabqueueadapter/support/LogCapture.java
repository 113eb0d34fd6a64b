package io.github.gitlabqueueadapter.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Collects what one logger writes while a test runs. Close it to detach. */
public final class LogCapture extends Handler implements AutoCloseable {

    /** One line as a person would read it. */
    public record Line(Level level, String message) {}

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /** Everything logged by anyone, through the root logger. */
    public static LogCapture all() {
        return new LogCapture("");
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<Line> atLeast(Level level) {
        return lines.stream()
                .filter(line -> line.level().intValue() >= level.intValue())
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(new Line(record.getLevel(), message));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
