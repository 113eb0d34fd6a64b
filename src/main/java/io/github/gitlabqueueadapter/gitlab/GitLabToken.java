package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The GitLab token, from {@code gitlab.token} or from {@code gitlab.token-file}. A file is read again whenever its
 * modification time or size changes, so a rotated Kubernetes secret takes effect at the next request. The token is
 * only ever handed to the request header; it is never logged.
 */
@ApplicationScoped
public class GitLabToken {

    private static final Logger LOG = Logger.getLogger(GitLabToken.class);
    /** A token file larger than this is not a token; it is refused rather than read. */
    static final long MAX_FILE_BYTES = 4096;

    private final Optional<String> fixed;
    private final Optional<Path> file;
    private volatile Optional<String> fromFile = Optional.empty();
    private volatile FileTime readModified;
    private volatile long readSize = -1;
    private volatile boolean warnedUnreadable;

    public GitLabToken(GitLabConfig config) {
        this.fixed = config.token().map(String::strip).filter(t -> !t.isEmpty());
        this.file = config.tokenFile().filter(f -> !f.isBlank()).map(Path::of);
    }

    /** The token to send now, if one is configured. */
    public Optional<String> current() {
        return file.isPresent() ? readFileIfChanged(file.get()) : fixed;
    }

    private synchronized Optional<String> readFileIfChanged(Path path) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (modified.equals(readModified) && size == readSize) {
                return fromFile;
            }
            if (size > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            String token = Files.readString(path, StandardCharsets.UTF_8).strip();
            boolean rotated = readModified != null;
            fromFile = token.isEmpty() ? Optional.empty() : Optional.of(token);
            readModified = modified;
            readSize = size;
            warnedUnreadable = false;
            if (rotated) {
                LOG.infof("gitlab.token-file %s changed: using the new token", path);
            }
        } catch (IOException e) {
            if (!warnedUnreadable) {
                LOG.warnf(
                        "gitlab.token-file %s cannot be read (%s): keeping the token read before",
                        path, e.getClass().getSimpleName());
                warnedUnreadable = true;
            }
        }
        return fromFile;
    }
}
