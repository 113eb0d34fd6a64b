package io.github.gitlabqueueadapter.cluster;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a KEDA object's triggers read this adapter's queues: those of {@code type: metrics-api} whose {@code
 * metadata.url} path is {@code /queues/projects/{p}}, {@code /queues/pools/{n}} or {@code /queues/groups/{g}}, host,
 * port and query aside. Plain Java on the objects' maps, as the Kubernetes API gives them.
 */
final class ScalerTriggers {

    static final String METRICS_API = "metrics-api";

    private ScalerTriggers() {}

    /** One object's trigger reading one queue. */
    record Match(KedaObject object, QueueKey queue) {}

    /**
     * Every (object, queue) of these objects whose triggers read one of the queues, sorted by kind, name and queue so
     * that a cut at {@code adapter.kubernetes.max-objects} keeps the same ones from one reading to the next.
     */
    static List<Match> matches(List<KedaObject> objects) {
        return objects.stream()
                .flatMap(object -> queuesRead(object.spec()).stream().map(queue -> new Match(object, queue)))
                .sorted(ORDER)
                .toList();
    }

    private static final Comparator<Match> ORDER = Comparator.comparing(
                    (Match m) -> m.object().kind())
            .thenComparing(m -> m.object().name())
            .thenComparing(m -> m.queue().kind())
            .thenComparing(m -> m.queue().name());

    /** The queues the triggers of this {@code spec} read, each once, in the triggers' order. */
    static List<QueueKey> queuesRead(Map<String, Object> spec) {
        Object triggers = spec == null ? null : spec.get("triggers");
        if (!(triggers instanceof List<?> list)) {
            return List.of();
        }
        Set<QueueKey> queues = new LinkedHashSet<>();
        for (Object trigger : list) {
            if (trigger instanceof Map<?, ?> t
                    && METRICS_API.equals(t.get("type"))
                    && t.get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("url") instanceof String url) {
                queueOf(url).ifPresent(queues::add);
            }
        }
        return List.copyOf(queues);
    }

    /**
     * The queue a metrics-api URL reads; empty for any other URL. The name is decoded once, as the endpoint's path
     * parameter is: {@code /queues/projects/group%2Fapp} reads project {@code group/app}. A URL without a scheme is
     * read as http; a trailing slash is allowed.
     */
    static Optional<QueueKey> queueOf(String url) {
        String path = rawPath(url.strip());
        if (path == null) {
            return Optional.empty();
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 4 || !parts[0].isEmpty() || !parts[1].equals("queues") || parts[3].isEmpty()) {
            return Optional.empty();
        }
        Optional<QueueKind> kind = QueueKind.ofSegment(parts[2]);
        Optional<String> name = decoded(parts[3]);
        if (kind.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QueueKey(kind.get(), name.get()));
    }

    /** The path of an http(s) URL, still encoded; null for another scheme or a URL that does not parse. */
    private static String rawPath(String url) {
        String full = url.startsWith("/") || url.contains("://") ? url : "http://" + url;
        try {
            URI uri = new URI(full);
            String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? uri.getRawPath() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Percent-decoding as a path parameter is decoded ({@code +} stays a plus); empty when it is malformed. */
    private static Optional<String> decoded(String segment) {
        try {
            String name = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            return name.isBlank() ? Optional.empty() : Optional.of(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
