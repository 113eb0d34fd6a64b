package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.BoundedBody;
import io.github.gitlabqueueadapter.domain.announcements.GitLabRequested;
import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One page request to GitLab and the checks of its answer: no redirect is followed (the token must not leave
 * {@code gitlab.url}), only 200 with a JSON list is a page, and the body is refused while it streams in once it
 * passes {@code gitlab.max-page-size}. A 429 pauses the budget as GitLab asks; every request is announced
 * ({@link GitLabRequested}) for the metrics.
 */
@ApplicationScoped
class PageFetcher {

    private static final Logger LOG = Logger.getLogger(PageFetcher.class);

    private final ObjectMapper mapper;
    private final RequestBudget budget;
    private final Clock clock;
    private final Event<GitLabRequested> requested;
    private final long maxPageBytes;
    private final Duration timeout;

    PageFetcher(
            ObjectMapper mapper,
            RequestBudget budget,
            Clock clock,
            Event<GitLabRequested> requested,
            GitLabConfig gitlab) {
        this.mapper = mapper;
        this.budget = budget;
        this.clock = clock;
        this.requested = requested;
        this.maxPageBytes = gitlab.maxPageSize().asLongValue();
        this.timeout = gitlab.timeout();
    }

    /**
     * Sends {@code request} and reads its answer as one page of {@code type}.
     *
     * @param what "jobs" or "projects", for the message of an answer that is no such list
     * @param page the page asked for: on keyset paging, the next page is read from the {@code Link} header's cursor
     *     (GitLab's {@code X-Next-Page} when it answered by offset), else from {@code X-Next-Page}
     * @throws GitLabException whatever went wrong
     */
    <T> Page<T> fetch(Supplier<Response> request, TypeReference<List<T>> type, String what, PageRequest page) {
        return timed(() -> read(request, type, what, page));
    }

    /**
     * Sends {@code request} and reads its answer as one JSON object of {@code type} (a runner, a project, a branch).
     *
     * @param what what was asked for, as a message names it ({@code "runner 17"})
     * @throws GitLabException whatever went wrong
     */
    <T> T fetchOne(Supplier<Response> request, Class<T> type, String what) {
        return timed(() -> {
            try (Response response = request.get()) {
                byte[] body = checkedBody(response, what);
                T item;
                try {
                    item = mapper.readValue(body, type);
                } catch (IOException e) {
                    item = null;
                }
                if (item == null) {
                    throw new GitLabException(
                            Kind.BAD_RESPONSE,
                            response.getStatus(),
                            "GitLab answered " + what + " with something that is not its JSON object");
                }
                return item;
            }
        });
    }

    /** Runs one request, announcing its outcome and time; a failure is classified (and a 429 pauses the budget). */
    private <R> R timed(Supplier<R> request) {
        long start = System.nanoTime();
        R result = null;
        GitLabException failure = null;
        try {
            result = request.get();
        } catch (RuntimeException e) {
            failure = paused(GitLabErrors.classify(e, timeout));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String outcome = failure == null
                ? "success"
                : Thread.currentThread().isInterrupted()
                        ? Kind.TIMEOUT.code()
                        : failure.kind().code();
        announce(new GitLabRequested(outcome, failure == null ? 200 : failure.status(), took));
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** An observer that fails (a bug) must not turn a good page into a failed request. */
    private void announce(GitLabRequested request) {
        try {
            requested.fire(request);
        } catch (RuntimeException e) {
            LOG.error("An observer of a GitLab request failed", e);
        }
    }

    /** A 429 holds every request until GitLab's Retry-After, counted on the application's clock. */
    private GitLabException paused(GitLabException failure) {
        if (failure.kind() != Kind.RATE_LIMITED) {
            return failure;
        }
        Instant now = clock.instant();
        Duration wait = RetryAfter.of(failure.retryAfterHeader(), failure.rateLimitResetHeader(), now);
        budget.pauseUntil(now.plus(wait));
        return GitLabException.rateLimited(wait);
    }

    private <T> Page<T> read(
            Supplier<Response> request, TypeReference<List<T>> listType, String what, PageRequest asked) {
        int page = asked.number();
        try (Response response = request.get()) {
            byte[] body = checkedBody(response, "page " + page);
            List<T> items;
            try {
                items = mapper.readValue(body, listType);
            } catch (IOException e) {
                items = null;
            }
            if (items == null || items.contains(null)) {
                throw new GitLabException(
                        Kind.BAD_RESPONSE,
                        response.getStatus(),
                        "GitLab answered page " + page + " with something that is not a JSON list of " + what);
            }
            String cursor = asked.keyset() ? LinkHeader.nextCursor(response.getHeaderString("Link"), page) : null;
            int next = cursor != null ? 0 : nextPage(response.getHeaderString("X-Next-Page"), page);
            return new Page<>(items, next, cursor);
        }
    }

    /**
     * The body of a 200 JSON answer, read up to {@code gitlab.max-page-size}; anything else is a failure.
     *
     * @param page what was asked for, as a message names it ({@code "page 3"})
     */
    private byte[] checkedBody(Response response, String page) {
        int status = response.getStatus();
        if (status >= 300 && status < 400) {
            throw new GitLabException(
                    Kind.BAD_RESPONSE,
                    status,
                    "GitLab answered " + status + ", a redirect to " + hostOf(response.getHeaderString("Location"))
                            + ", which is not followed (the token must not leave gitlab.url); set gitlab.url to"
                            + " the address GitLab answers on");
        }
        if (status != 200) {
            throw new GitLabException(
                    Kind.BAD_RESPONSE, status, "GitLab answered " + status + " where 200 was expected");
        }
        observeRateLimit(response);
        MediaType type = response.getMediaType();
        if (type == null
                || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            throw new GitLabException(
                    Kind.BAD_RESPONSE,
                    status,
                    "GitLab answered " + page + " with "
                            + (type == null ? "no content type" : type.getType() + "/" + type.getSubtype())
                            + " instead of JSON (a proxy or login page in front of GitLab?)");
        }
        if (response.getLength() > maxPageBytes) {
            throw tooLarge(page, status);
        }
        return readAtMost(response.readEntity(InputStream.class), page, status);
    }

    /** GitLab's RateLimit-* headers, sent on successful answers when its general limiter is on. */
    private void observeRateLimit(Response response) {
        Long reset = number(response.getHeaderString("RateLimit-Reset"));
        budget.observe(
                number(response.getHeaderString("RateLimit-Remaining")),
                number(response.getHeaderString("RateLimit-Limit")),
                reset == null ? null : Instant.ofEpochSecond(reset));
    }

    private static Long number(String header) {
        return header != null && header.strip().matches("[0-9]{1,15}") ? Long.valueOf(header.strip()) : null;
    }

    /** Reads the body as it streams in, refusing it as soon as it passes {@code gitlab.max-page-size}. */
    private byte[] readAtMost(InputStream in, String page, int status) {
        try {
            return BoundedBody.read(in, maxPageBytes, () -> tooLarge(page, status));
        } catch (InterruptedIOException e) {
            throw new GitLabException(
                    Kind.TIMEOUT, status, "GitLab did not finish sending " + page + " within gitlab.timeout");
        } catch (IOException e) {
            throw new GitLabException(
                    Kind.UNREACHABLE,
                    status,
                    "the connection to GitLab broke while " + page + " was read: "
                            + e.getClass().getSimpleName());
        }
    }

    private GitLabException tooLarge(String page, int status) {
        return new GitLabException(
                Kind.BAD_RESPONSE,
                status,
                "GitLab's " + page + " is larger than gitlab.max-page-size (" + maxPageBytes
                        + " bytes); a page of 100 jobs is far smaller: is something else answering?");
    }

    private static String hostOf(String location) {
        try {
            String host = location == null ? null : URI.create(location).getHost();
            return host == null ? "another address" : host;
        } catch (IllegalArgumentException e) {
            return "another address";
        }
    }

    private static int nextPage(String header, int page) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw new GitLabException(
                    Kind.BAD_RESPONSE,
                    200,
                    "GitLab answered page " + page + " with an X-Next-Page header that is not a number");
        }
    }
}
