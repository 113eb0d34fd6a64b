package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each pool's overflow-of resolved to the first pool of its chain and the largest overflow-after along it. */
class OverflowChainsTest {

    /**
     * @param pools the configured pools
     * @param links {@code pool>of:seconds}, space-separated
     * @param resolved {@code pool=of/root@seconds}, in name order
     * @param problems {@code pool~part of its reason}, in name order
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            spot od | od>spot:90           | od=spot/spot@90    | -
            a b c   | b>a:90 c>b:30        | b=a/a@90 c=b/a@90  | -
            a b c   | b>a:30 c>b:120       | b=a/a@30 c=b/a@120 | -
            a b     | b>x:90               | -                  | b~no pool named 'x' is configured
            a b c   | b>x:90 c>b:90        | -                  | b~no pool named 'x' is configured
            a       | a>a:90               | -                  | a~a pool cannot be its own overflow
            a b     | a>b:90 b>a:90        | -                  | a~cycle: a -> b -> a; b~cycle: b -> a -> b
            a b c   | b>c:90 c>b:90 a>b:90 | -                  | b~cycle: b -> c -> b; c~cycle: c -> b -> c
            a b c d | b>a:90 d>c:60        | b=a/a@90 d=c/c@60  | -
            """)
    void resolvesChains(String pools, String links, String resolved, String problems) {
        Map<String, OverflowChains.Link> byPool = new TreeMap<>();
        for (String link : links.split(" ")) {
            String[] parts = link.split("[>:]");
            byPool.put(parts[0], new OverflowChains.Link(parts[1], Duration.ofSeconds(Long.parseLong(parts[2]))));
        }
        OverflowChains.Resolution resolution =
                OverflowChains.resolve(Set.copyOf(Arrays.asList(pools.split(" "))), byPool);
        assertEquals(
                resolved,
                orDash(new TreeMap<>(resolution.overflows())
                        .entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue().of() + "/"
                                        + e.getValue().root() + "@"
                                        + e.getValue().after().toSeconds())
                                .collect(Collectors.joining(" "))));
        String[] expected = problems.equals("-") ? new String[0] : problems.split("; ");
        assertEquals(
                expected.length,
                resolution.problems().size(),
                resolution.problems().toString());
        for (String problem : expected) {
            String[] parts = problem.split("~");
            String reason = resolution.problems().get(parts[0]);
            assertTrue(reason != null && reason.contains(parts[1]), parts[0] + ": " + reason);
        }
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
