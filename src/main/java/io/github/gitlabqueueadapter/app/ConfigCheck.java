package io.github.gitlabqueueadapter.app;

import io.github.gitlabqueueadapter.api.auth.ClientCertificates;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.gitlab.PemTrust;
import io.github.gitlabqueueadapter.gitlab.ProjectGuards;
import io.github.gitlabqueueadapter.insight.TrendForecast;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules a configuration must meet before the adapter starts. Each problem is one line that names the key, its
 * environment variable and the reason; a secret's value is never part of it.
 */
public final class ConfigCheck {

    static final int MAX_PAGES_LIMIT = 500;
    static final int MAX_RETRIES_LIMIT = 10;
    static final int MAX_CONCURRENCY = 64;
    /** Most runners one pool names: each is read from GitLab every adapter.runner-refresh. */
    static final int MAX_POOL_RUNNERS = 100;

    private ConfigCheck() {}

    /** A duration as a person writes it: {@code 16.9s}, {@code 300s}. */
    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }

    public static List<String> problems(GitLabConfig gitlab, AdapterConfig adapter) {
        List<String> problems = new ArrayList<>();
        checkUrl(gitlab.url(), problems);
        if (gitlab.token().isPresent() && gitlab.tokenFile().isPresent()) {
            problems.add(line("gitlab.token-file", "set together with gitlab.token; set only one of them"));
        }
        gitlab.tokenFile().ifPresent(file -> {
            if (!Files.isReadable(Path.of(file)) || Files.isDirectory(Path.of(file))) {
                problems.add(line("gitlab.token-file", "'" + file + "' is not a readable file"));
            }
        });
        positive("gitlab.timeout", gitlab.timeout(), problems);
        if (gitlab.maxRetries() < 0 || gitlab.maxRetries() > MAX_RETRIES_LIMIT) {
            problems.add(
                    line("gitlab.max-retries", "is " + gitlab.maxRetries() + "; must be 0 to " + MAX_RETRIES_LIMIT));
        }
        if (gitlab.requestsPerMinute() < 1 || gitlab.requestsPerMinute() > 100_000) {
            problems.add(
                    line("gitlab.requests-per-minute", "is " + gitlab.requestsPerMinute() + "; must be 1 to 100000"));
        }
        long pageBytes = gitlab.maxPageSize().asLongValue();
        if (pageBytes < MIN_PAGE_BYTES || pageBytes > MAX_PAGE_BYTES) {
            problems.add(line("gitlab.max-page-size", "is " + pageBytes + " bytes; must be 64K to 256M"));
        }
        checkTls(gitlab.tls(), problems);
        if (gitlab.proxy().host().filter(h -> !h.isBlank()).isPresent()
                && (gitlab.proxy().port() < 1 || gitlab.proxy().port() > 65535)) {
            problems.add(line("gitlab.proxy.port", "is " + gitlab.proxy().port() + "; must be 1 to 65535"));
        }

        List<String> projects = adapter.projects().orElse(List.of());
        boolean poolMembers = adapter.pools().values().stream()
                .anyMatch(p -> !p.projects().orElse(List.of()).isEmpty()
                        || !p.groups().orElse(List.of()).isEmpty()
                        || runnersOnly(p));
        if (projects.isEmpty() && adapter.groups().orElse(List.of()).isEmpty() && !poolMembers) {
            problems.add(line(
                    "adapter.projects",
                    "no project to watch; give numeric ids or full paths, comma-separated"
                            + " (or adapter.groups, or pools)"));
        }
        checkProjects("adapter.projects", projects, problems);
        checkGroups("adapter.groups", adapter.groups().orElse(List.of()), problems);
        if (adapter.groupRefresh().compareTo(Duration.ofSeconds(10)) < 0) {
            problems.add(line("adapter.group-refresh", "is " + adapter.groupRefresh() + "; must be at least 10s"));
        }
        if (adapter.maxGroupProjects() < 1 || adapter.maxGroupProjects() > 100_000) {
            problems.add(
                    line("adapter.max-group-projects", "is " + adapter.maxGroupProjects() + "; must be 1 to 100000"));
        }
        adapter.pools().forEach((name, pool) -> checkPool(name, pool, problems));
        durationWithin("adapter.runner-refresh", adapter.runnerRefresh(), "10s", "1d", problems);
        if (adapter.pollInterval().compareTo(Duration.ofSeconds(1)) < 0
                || adapter.pollInterval().compareTo(Duration.ofHours(1)) > 0) {
            problems.add(line("adapter.poll-interval", "is " + adapter.pollInterval() + "; must be 1s to 1h"));
        }
        Duration attempts = ProjectGuards.longestAttempts(gitlab.timeout(), gitlab.maxRetries());
        Duration onePoll = adapter.pollInterval().plus(attempts);
        if (adapter.maxStaleness().compareTo(onePoll) <= 0) {
            problems.add(line(
                    "adapter.max-staleness",
                    "is " + seconds(adapter.maxStaleness()) + "; must outlast one poll and its attempts, "
                            + seconds(onePoll) + " (adapter.poll-interval " + seconds(adapter.pollInterval()) + " + "
                            + (gitlab.maxRetries() + 1) + " attempts of gitlab.timeout " + seconds(gitlab.timeout())
                            + " with their backoff, " + seconds(attempts) + "), or the number would turn 503 before a"
                            + " slow GitLab could answer"));
        }
        if (adapter.reconcileInterval().compareTo(Duration.ofSeconds(1)) < 0
                || adapter.reconcileInterval().compareTo(Duration.ofDays(1)) > 0) {
            problems.add(
                    line("adapter.reconcile-interval", "is " + adapter.reconcileInterval() + "; must be 1s to 24h"));
        }
        if (adapter.maxPages() < 1 || adapter.maxPages() > MAX_PAGES_LIMIT) {
            problems.add(line(
                    "adapter.max-pages",
                    "is " + adapter.maxPages() + "; must be 1 to " + MAX_PAGES_LIMIT
                            + " (GitLab refuses offset pages past 50,000 jobs)"));
        }
        if (adapter.pollConcurrency() < 1 || adapter.pollConcurrency() > MAX_CONCURRENCY) {
            problems.add(line(
                    "adapter.poll-concurrency",
                    "is " + adapter.pollConcurrency() + "; must be 1 to " + MAX_CONCURRENCY));
        }
        checkAuth(adapter.auth(), problems);
        adapter.webhook()
                .secret()
                .filter(secret -> secret.strip().length() < MIN_KEY_LENGTH)
                .ifPresent(secret -> problems.add(line(
                        "adapter.webhook.secret",
                        "is shorter than " + MIN_KEY_LENGTH
                                + " characters; use a long random secret (openssl rand -hex 24)")));
        if (adapter.webhook().rememberedEvents() < 1 || adapter.webhook().rememberedEvents() > 1_000_000) {
            problems.add(line("adapter.webhook.remembered-events", "must be 1 to 1000000"));
        }
        checkInsight(adapter, problems);
        checkRedis(adapter, problems);
        return problems;
    }

    /** The Kubernetes side's keys, checked only when it is on: off, nothing reads them. */
    public static List<String> problems(KubernetesConfig kubernetes) {
        List<String> problems = new ArrayList<>();
        if (!kubernetes.enabled()) {
            return problems;
        }
        if (kubernetes.interval().compareTo(Duration.ofSeconds(5)) < 0
                || kubernetes.interval().compareTo(Duration.ofHours(1)) > 0) {
            problems.add(line("adapter.kubernetes.interval", "is " + kubernetes.interval() + "; must be 5s to 1h"));
        }
        if (kubernetes.timeout().compareTo(Duration.ofMillis(100)) < 0
                || kubernetes.timeout().compareTo(Duration.ofMinutes(1)) > 0
                || kubernetes.timeout().compareTo(kubernetes.interval()) >= 0) {
            problems.add(line(
                    "adapter.kubernetes.timeout",
                    "is " + kubernetes.timeout()
                            + "; must be 100ms to 1m and shorter than adapter.kubernetes.interval"));
        }
        if (kubernetes.maxObjects() < 1 || kubernetes.maxObjects() > 10_000) {
            problems.add(
                    line("adapter.kubernetes.max-objects", "is " + kubernetes.maxObjects() + "; must be 1 to 10000"));
        }
        kubernetes
                .namespace()
                .filter(namespace -> !NAMESPACE.matcher(namespace).matches())
                .ifPresent(namespace -> problems.add(line(
                        "adapter.kubernetes.namespace",
                        "'" + printable(namespace) + "' is not a namespace name (lower-case letters, digits and '-',"
                                + " at most 63)")));
        return problems;
    }

    private static final java.util.regex.Pattern NAMESPACE =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** Redis keys and timings, checked only with {@code adapter.store=redis}: the memory store never reads them. */
    private static void checkRedis(AdapterConfig adapter, List<String> problems) {
        if (adapter.store() != AdapterConfig.Store.REDIS) {
            return;
        }
        AdapterConfig.RedisStore redis = adapter.redis();
        String prefix = redis.keyPrefix();
        if (prefix.isEmpty() || prefix.length() > 64 || !prefix.chars().allMatch(c -> c > ' ' && c < 127)) {
            problems.add(line(
                    "adapter.redis.key-prefix",
                    "'" + printable(prefix) + "' must be 1 to 64 printable ASCII characters, no blanks"));
        }
        if (redis.timeout().compareTo(Duration.ofMillis(10)) < 0
                || redis.timeout().compareTo(Duration.ofMinutes(1)) > 0) {
            problems.add(line("adapter.redis.timeout", "is " + redis.timeout() + "; must be 10ms to 1m"));
        }
        if (redis.retryInterval().compareTo(Duration.ofMillis(100)) < 0
                || redis.retryInterval().compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add(line("adapter.redis.retry-interval", "is " + redis.retryInterval() + "; must be 100ms to 5m"));
        }
        Duration longestQuiet = adapter.reconcileInterval().plus(adapter.maxStaleness());
        if (redis.leaseTtl().compareTo(Duration.ofSeconds(1)) < 0
                || redis.leaseTtl().compareTo(Duration.ofMinutes(10)) > 0
                || redis.leaseTtl().compareTo(redis.timeout().multipliedBy(2)) < 0) {
            problems.add(line(
                    "adapter.redis.lease-ttl",
                    "is " + redis.leaseTtl() + "; must be 1s to 10m and at least twice adapter.redis.timeout"
                            + " (renewed every third of it)"));
        }
        if (redis.replicas() < 1 || redis.replicas() > 100) {
            problems.add(line("adapter.redis.replicas", "is " + redis.replicas() + "; must be 1 to 100"));
        }
        if (redis.deliveryTtl().compareTo(Duration.ofSeconds(10)) < 0
                || redis.deliveryTtl().compareTo(Duration.ofDays(1)) > 0) {
            problems.add(line("adapter.redis.delivery-ttl", "is " + redis.deliveryTtl() + "; must be 10s to 1d"));
        }
        if (redis.stateTtl().compareTo(longestQuiet) <= 0) {
            problems.add(line(
                    "adapter.redis.state-ttl",
                    "is " + seconds(redis.stateTtl())
                            + "; must outlast adapter.reconcile-interval + adapter.max-staleness ("
                            + seconds(longestQuiet) + "), or a watched project's state would expire between polls"));
        }
        redis.passwordFile().ifPresent(file -> {
            if (!Files.isReadable(Path.of(file)) || Files.isDirectory(Path.of(file))) {
                problems.add(line("adapter.redis.password-file", "'" + file + "' is not a readable file"));
            }
        });
    }

    private static void checkInsight(AdapterConfig adapter, List<String> problems) {
        AdapterConfig.History history = adapter.history();
        if (history.retention().compareTo(Duration.ofMinutes(1)) < 0
                || history.retention().compareTo(Duration.ofDays(7)) > 0) {
            problems.add(line("adapter.history.retention", "is " + history.retention() + "; must be 1m to 7d"));
        }
        if (history.maxSamples() < 10 || history.maxSamples() > 100_000) {
            problems.add(line("adapter.history.max-samples", "is " + history.maxSamples() + "; must be 10 to 100000"));
        }
        if (history.maxRunners() < 1 || history.maxRunners() > 10_000) {
            problems.add(line("adapter.history.max-runners", "is " + history.maxRunners() + "; must be 1 to 10000"));
        }
        if (history.maxReaders() < 1 || history.maxReaders() > 100) {
            problems.add(line("adapter.history.max-readers", "is " + history.maxReaders() + "; must be 1 to 100"));
        }
        scaling(adapter.scaling(), problems);
        AdapterConfig.Forecast forecast = adapter.forecast();
        if (forecast.horizon().isNegative()
                || forecast.horizon().isZero()
                || forecast.horizon().compareTo(Duration.ofHours(1)) > 0) {
            problems.add(line(
                    "adapter.forecast.horizon",
                    "is " + forecast.horizon() + "; must be longer than zero and at most 1h"));
        }
        if (forecast.window().compareTo(Duration.ofMinutes(1)) < 0
                || forecast.window().compareTo(history.retention()) > 0) {
            problems.add(line(
                    "adapter.forecast.window",
                    "is " + forecast.window() + "; must be at least 1m and at most adapter.history.retention ("
                            + history.retention() + ")"));
        } else if (history.maxSamples() > 0
                && forecast.window()
                                .compareTo(history.retention()
                                        .dividedBy(history.maxSamples())
                                        .multipliedBy(TrendForecast.MIN_POINTS))
                        < 0) {
            problems.add(line(
                    "adapter.forecast.window",
                    "is " + forecast.window() + "; it must hold "
                            + TrendForecast.MIN_POINTS
                            + " samples, which adapter.history.retention / adapter.history.max-samples ("
                            + history.retention().dividedBy(history.maxSamples())
                            + " a sample) does not allow: lengthen the"
                            + " window or keep more samples"));
        }
    }

    private static final java.util.regex.Pattern POOL_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private static void checkProjects(String key, List<String> projects, List<String> problems) {
        checkEach(key, projects, ProjectRef::parse, problems);
    }

    private static void checkGroups(String key, List<String> groups, List<String> problems) {
        checkEach(key, groups, GroupRef::parse, problems);
    }

    private static void checkEach(
            String key, List<String> values, java.util.function.Consumer<String> parse, List<String> problems) {
        for (String value : values) {
            try {
                parse.accept(value.strip());
            } catch (IllegalArgumentException e) {
                problems.add(line(key, "'" + printable(value) + "': " + e.getMessage()));
            }
        }
    }

    /** A pool that names runners and no tags: GitLab's runners, whose own projects it may watch. */
    private static boolean runnersOnly(AdapterConfig.Pool pool) {
        return !pool.runners().orElse(List.of()).isEmpty()
                && pool.tags().isEmpty()
                && pool.runUntagged().isEmpty();
    }

    private static void checkPool(String name, AdapterConfig.Pool pool, List<String> problems) {
        String prefix = "adapter.pools." + name;
        if (!POOL_NAME.matcher(name).matches()) {
            problems.add(line(
                    prefix,
                    "a pool name is letters, digits, '.', '_' and '-', at most 63, as it appears in"
                            + " /queues/pools/{name}"));
            return;
        }
        if (pool.projects().orElse(List.of()).isEmpty()
                && pool.groups().orElse(List.of()).isEmpty()
                && !runnersOnly(pool)) {
            problems.add(line(
                    prefix + ".projects",
                    "a pool needs at least one project or groups, or runners and no tags (their own projects)"));
        }
        checkProjects(prefix + ".projects", pool.projects().orElse(List.of()), problems);
        checkGroups(prefix + ".groups", pool.groups().orElse(List.of()), problems);
        if (pool.runners().orElse(List.of()).stream().anyMatch(id -> id == null || id < 1)) {
            problems.add(line(prefix + ".runners", "runner ids are positive numbers"));
        }
        if (pool.runners().orElse(List.of()).size() > MAX_POOL_RUNNERS) {
            problems.add(line(prefix + ".runners", "at most " + MAX_POOL_RUNNERS + " runners a pool"));
        }
    }

    /** Shortest API key accepted: a short key can be guessed. */
    static final int MIN_KEY_LENGTH = 16;

    private static final java.util.regex.Pattern HEADER_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private static void checkAuth(AdapterConfig.Auth auth, List<String> problems) {
        for (String key : auth.apiKeys().orElse(List.of())) {
            if (key.strip().length() < MIN_KEY_LENGTH) {
                problems.add(line(
                        "adapter.auth.api-keys",
                        "a key is shorter than " + MIN_KEY_LENGTH
                                + " characters; use a long random key (openssl rand -hex 24)"));
                break;
            }
        }
        if (!HEADER_NAME.matcher(auth.headerName()).matches()) {
            problems.add(line(
                    "adapter.auth.header-name", "'" + printable(auth.headerName()) + "' is not an HTTP header name"));
        }
        if (auth.queryParam().isBlank()
                || !HEADER_NAME.matcher(auth.queryParam()).matches()) {
            problems.add(line(
                    "adapter.auth.query-param",
                    "'" + printable(auth.queryParam()) + "' is not a plain parameter name"));
        }
        boolean user = auth.basic().username().filter(u -> !u.isBlank()).isPresent();
        boolean password = auth.basic().password().filter(p -> !p.isEmpty()).isPresent();
        if (user != password) {
            problems.add(line(
                    user ? "adapter.auth.basic.password" : "adapter.auth.basic.username",
                    "Basic auth needs both adapter.auth.basic.username and adapter.auth.basic.password"));
        } else if (user && auth.basic().username().get().contains(":")) {
            problems.add(line("adapter.auth.basic.username", "must not contain ':'"));
        }
    }

    static final long MIN_PAGE_BYTES = 64 * 1024;
    static final long MAX_PAGE_BYTES = 256L * 1024 * 1024;

    private static void checkTls(GitLabConfig.Tls tls, List<String> problems) {
        if (tls.caFile().isEmpty()) {
            return;
        }
        if (tls.insecure()) {
            problems.add(line(
                    "gitlab.tls.insecure",
                    "set together with gitlab.tls.ca-file; a CA file means verify, so drop one"));
            return;
        }
        try {
            PemTrust.read(Path.of(tls.caFile().get()));
        } catch (IOException | GeneralSecurityException e) {
            problems.add(line(
                    "gitlab.tls.ca-file",
                    "'" + printable(tls.caFile().get()) + "' is not a readable PEM file of" + " certificates ("
                            + e.getClass().getSimpleName() + ")"));
        }
    }

    private static void checkUrl(String url, List<String> problems) {
        if (url.contains("@")) { // what stands before '@' may be a token: never repeat the URL then
            problems.add(line(
                    "gitlab.url", "holds credentials or an '@'; put the token in gitlab.token or gitlab.token-file"));
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(line(
                        "gitlab.url",
                        "'" + printable(url) + "' is not an http(s) URL such as https://gitlab.example.com"));
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(line("gitlab.url", "has a query or fragment; give the base URL only"));
            }
        } catch (URISyntaxException e) {
            problems.add(line("gitlab.url", "'" + printable(url) + "' is not a URL: " + e.getReason()));
        }
    }

    private static void positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(line(key, "is " + value + "; must be longer than zero"));
        }
    }

    /** One problem line: {@code key (env KEY): reason}. */
    /** The TLS client settings: a value Quarkus knows, and what {@code required} needs to hold. */
    public static List<String> problems(ClientCertificates certificates) {
        String key = ClientCertificates.CLIENT_AUTH;
        if (certificates.mode().isEmpty()) {
            return List.of(
                    line(key, "is '" + printable(certificates.value()) + "'; must be none, request or required"));
        }
        if (!certificates.required()) {
            return List.of();
        }
        if (!certificates.https()) {
            return List.of(line(
                    key,
                    "is required, but HTTPS is off: set quarkus.tls.key-store.pem.0.cert and"
                            + " quarkus.tls.key-store.pem.0.key"));
        }
        if (!certificates.trustStore()) {
            return List.of(line(
                    key, "is required, but no CA verifies client certificates: set quarkus.tls.trust-store.pem.certs"));
        }
        return List.of();
    }

    private static void scaling(AdapterConfig.Scaling scaling, List<String> problems) {
        durationWithin("adapter.scaling.runner-gone", scaling.runnerGone(), "1m", "1d", problems);
        durationWithin("adapter.scaling.reader-pause", scaling.readerPause(), "10s", "1d", problems);
        durationWithin("adapter.scaling.wait-threshold", scaling.waitThreshold(), "1s", "1d", problems);
        intWithin("adapter.scaling.burst-jobs", scaling.burstJobs(), 2, 100_000, problems);
        intWithin("adapter.scaling.max-events", scaling.maxEvents(), 10, 100_000, problems);
        intWithin("adapter.scaling.max-waits", scaling.maxWaits(), 10, 1_000_000, problems);
    }

    private static void durationWithin(String key, Duration value, String least, String most, List<String> problems) {
        if (value.compareTo(parse(least)) < 0 || value.compareTo(parse(most)) > 0) {
            problems.add(line(key, "is " + value + "; must be " + least + " to " + most));
        }
    }

    private static Duration parse(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static void intWithin(String key, int value, int least, int most, List<String> problems) {
        if (value < least || value > most) {
            problems.add(line(key, "is " + value + "; must be " + least + " to " + most));
        }
    }

    static String line(String key, String reason) {
        return key + " (env " + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "): " + reason;
    }

    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
