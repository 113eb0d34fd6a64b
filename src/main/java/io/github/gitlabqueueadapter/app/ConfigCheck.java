package io.github.gitlabqueueadapter.app;

import io.github.gitlabqueueadapter.api.auth.ClientCertificates;
import io.github.gitlabqueueadapter.app.ConfigCheckConstraints.Mapping;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.AuthConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.config.HistoryConfig;
import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.github.gitlabqueueadapter.config.RedisStoreConfig;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a configuration must meet before the adapter starts. Each problem is one line that names the key, its
 * environment variable and the reason; a secret's value is never part of it. The bounds of single keys are declared
 * on the mappings ({@code @Range}, {@code @DurationRange}...); this class runs them and keeps the rules that read more
 * than one key, a file, or a parser of another package.
 */
public final class ConfigCheck {

    /** Shortest API key accepted: a short key can be guessed. */
    static final int MIN_KEY_LENGTH = 16;

    private ConfigCheck() {}

    public static List<String> problems(GitLabConfig gitlab, AdapterConfig adapter) {
        boolean proxy = gitlab.proxy().host().filter(h -> !h.isBlank()).isPresent();
        boolean redis = adapter.store() == AdapterConfig.Store.REDIS;
        Map<String, String> problems = new LinkedHashMap<>(ConfigCheckConstraints.reasons(
                List.of(
                        new Mapping("gitlab", GitLabConfig.class, gitlab),
                        new Mapping("adapter", AdapterConfig.class, adapter)),
                group -> group.equals("gitlab.proxy") && !proxy || group.equals("adapter.redis") && !redis));
        checkGitLab(gitlab, problems);
        ConfigCheckWatched.check(adapter, problems);
        Duration attempts = ProjectGuards.longestAttempts(gitlab.timeout(), gitlab.maxRetries());
        Duration onePoll = adapter.pollInterval().plus(attempts);
        if (adapter.maxStaleness().compareTo(onePoll) <= 0) {
            add(
                    problems,
                    "adapter.max-staleness",
                    "is " + seconds(adapter.maxStaleness()) + "; must outlast one poll and its attempts, "
                            + seconds(onePoll) + " (adapter.poll-interval " + seconds(adapter.pollInterval()) + " + "
                            + (gitlab.maxRetries() + 1) + " attempts of gitlab.timeout " + seconds(gitlab.timeout())
                            + " (each cut at most a quarter later) with their backoff, " + seconds(attempts)
                            + "), or the number would turn 503 before a"
                            + " slow GitLab could answer");
        }
        checkAuth(adapter, problems);
        checkForecast(adapter, problems);
        if (redis) {
            checkRedis(adapter, problems);
        }
        return lines(problems);
    }

    /** The Kubernetes side's keys, checked only when it is on: off, nothing reads them. */
    public static List<String> problems(KubernetesConfig kubernetes) {
        if (!kubernetes.enabled()) {
            return List.of();
        }
        Map<String, String> problems = new LinkedHashMap<>(ConfigCheckConstraints.reasons(
                List.of(new Mapping("adapter.kubernetes", KubernetesConfig.class, kubernetes)), group -> false));
        if (kubernetes.timeout().compareTo(kubernetes.interval()) >= 0) {
            add(
                    problems,
                    "adapter.kubernetes.timeout",
                    "is " + kubernetes.timeout() + "; must be shorter than adapter.kubernetes.interval");
        }
        return lines(problems);
    }

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

    private static void checkGitLab(GitLabConfig gitlab, Map<String, String> problems) {
        checkUrl(gitlab.url(), problems);
        if (gitlab.token().isPresent() && gitlab.tokenFile().isPresent()) {
            add(problems, "gitlab.token-file", "set together with gitlab.token; set only one of them");
        }
        gitlab.tokenFile().ifPresent(file -> readable("gitlab.token-file", file, problems));
        String count = gitlab.instanceCount().strip();
        if (!count.equals("off") && !count.equals("graphql")) {
            add(problems, "gitlab.instance-count", "is '" + printable(count) + "'; must be off or graphql");
        }
        if (gitlab.tls().caFile().isEmpty()) {
            return;
        }
        if (gitlab.tls().insecure()) {
            add(
                    problems,
                    "gitlab.tls.insecure",
                    "set together with gitlab.tls.ca-file; a CA file means verify, so drop one");
            return;
        }
        try {
            PemTrust.read(Path.of(gitlab.tls().caFile().get()));
        } catch (IOException | GeneralSecurityException e) {
            add(
                    problems,
                    "gitlab.tls.ca-file",
                    "'" + printable(gitlab.tls().caFile().get()) + "' is not a readable PEM file of certificates ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private static void checkUrl(String url, Map<String, String> problems) {
        if (url.contains("@")) { // what stands before '@' may be a token: never repeat the URL then
            add(
                    problems,
                    "gitlab.url",
                    "holds credentials or an '@'; put the token in gitlab.token or gitlab.token-file");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                add(
                        problems,
                        "gitlab.url",
                        "'" + printable(url) + "' is not an http(s) URL such as https://gitlab.example.com");
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                add(problems, "gitlab.url", "has a query or fragment; give the base URL only");
            }
        } catch (URISyntaxException e) {
            add(problems, "gitlab.url", "'" + printable(url) + "' is not a URL: " + e.getReason());
        }
    }

    /** Secrets, compared as the adapter compares them (stripped); their values are never repeated. */
    private static void checkAuth(AdapterConfig adapter, Map<String, String> problems) {
        AuthConfig auth = adapter.auth();
        if (auth.apiKeys().orElse(List.of()).stream()
                .anyMatch(key -> key.strip().length() < MIN_KEY_LENGTH)) {
            add(
                    problems,
                    "adapter.auth.api-keys",
                    "a key is shorter than " + MIN_KEY_LENGTH
                            + " characters; use a long random key (openssl rand -hex 24)");
        }
        if (adapter.webhook()
                .secret()
                .filter(secret -> secret.strip().length() < MIN_KEY_LENGTH)
                .isPresent()) {
            add(
                    problems,
                    "adapter.webhook.secret",
                    "is shorter than " + MIN_KEY_LENGTH
                            + " characters; use a long random secret (openssl rand -hex 24)");
        }
        boolean user = auth.basic().username().filter(u -> !u.isBlank()).isPresent();
        boolean password = auth.basic().password().filter(p -> !p.isEmpty()).isPresent();
        if (user != password) {
            add(
                    problems,
                    user ? "adapter.auth.basic.password" : "adapter.auth.basic.username",
                    "Basic auth needs both adapter.auth.basic.username and adapter.auth.basic.password");
        } else if (user && auth.basic().username().get().contains(":")) {
            add(problems, "adapter.auth.basic.username", "must not contain ':'");
        }
    }

    /** The forecast's window within the history kept, with enough samples in it for a line. */
    private static void checkForecast(AdapterConfig adapter, Map<String, String> problems) {
        HistoryConfig history = adapter.history();
        Duration window = adapter.forecast().window();
        if (window.compareTo(history.retention()) > 0) {
            add(
                    problems,
                    "adapter.forecast.window",
                    "is " + window + "; must be at most adapter.history.retention (" + history.retention() + ")");
        } else if (history.maxSamples() > 0) {
            Duration sample = history.retention().dividedBy(history.maxSamples());
            if (window.compareTo(sample.multipliedBy(TrendForecast.MIN_POINTS)) < 0) {
                add(
                        problems,
                        "adapter.forecast.window",
                        "is " + window + "; it must hold " + TrendForecast.MIN_POINTS
                                + " samples, which adapter.history.retention / adapter.history.max-samples (" + sample
                                + " a sample) does not allow: lengthen the window or keep more samples");
            }
        }
    }

    /** Redis's timings against each other and the polls, checked only with {@code adapter.store=redis}. */
    private static void checkRedis(AdapterConfig adapter, Map<String, String> problems) {
        RedisStoreConfig redis = adapter.redis();
        if (redis.leaseTtl().compareTo(redis.timeout().multipliedBy(2)) < 0) {
            add(
                    problems,
                    "adapter.redis.lease-ttl",
                    "is " + redis.leaseTtl() + "; must be at least twice adapter.redis.timeout (renewed every third"
                            + " of it)");
        }
        Duration longestQuiet = adapter.reconcileInterval().plus(adapter.maxStaleness());
        if (redis.stateTtl().compareTo(longestQuiet) <= 0) {
            add(
                    problems,
                    "adapter.redis.state-ttl",
                    "is " + seconds(redis.stateTtl())
                            + "; must outlast adapter.reconcile-interval + adapter.max-staleness ("
                            + seconds(longestQuiet) + "), or a watched project's state would expire between polls");
        }
        redis.passwordFile().ifPresent(file -> readable("adapter.redis.password-file", file, problems));
    }

    private static void readable(String key, String file, Map<String, String> problems) {
        if (!Files.isReadable(Path.of(file)) || Files.isDirectory(Path.of(file))) {
            add(problems, key, "'" + file + "' is not a readable file");
        }
    }

    /** A key's first problem; a key is named once. */
    static void add(Map<String, String> problems, String key, String reason) {
        problems.putIfAbsent(key, reason);
    }

    private static List<String> lines(Map<String, String> problems) {
        return problems.entrySet().stream()
                .map(problem -> line(problem.getKey(), problem.getValue()))
                .toList();
    }

    /** One problem line: {@code key (env KEY): reason}. */
    static String line(String key, String reason) {
        return key + " (env " + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "): " + reason;
    }

    /** A duration as a person writes it: {@code 16.9s}, {@code 300s}. */
    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }

    /** A value fit to repeat in a line: control characters replaced, at most 80 characters. */
    static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
