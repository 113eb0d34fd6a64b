package io.github.gitlabqueueadapter.api;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example in examples/ names only keys KEDA's metrics-api scaler knows, points at an endpoint this adapter
 * serves, and reads a JSON number from it: checked against the running adapter, not by eye.
 */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class ExamplesTest {

    /** The trigger metadata keys of KEDA's metrics-api scaler (pkg/scalers/metrics_api_scaler.go). */
    private static final Set<String> METRICS_API_KEYS = Set.of(
            "url",
            "valueLocation",
            "targetValue",
            "activationTargetValue",
            "format",
            "unsafeSsl",
            "timeout",
            "authMode",
            "method",
            "keyParamName");

    private static final Path EXAMPLES = Path.of("examples");

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    /** One metrics-api trigger found in an example file. */
    record Trigger(String file, Map<String, String> metadata) {}

    private static List<Trigger> triggers() throws Exception {
        List<Trigger> triggers = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml")) {
                    try (MappingIterator<JsonNode> docs =
                            new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
                        while (docs.hasNext()) {
                            collect(name, docs.next(), triggers);
                        }
                    }
                } else if (name.endsWith(".sh")) {
                    for (String line : Files.readAllLines(file)) {
                        if (line.contains("--scale-rule-metadata")) {
                            Map<String, String> metadata = new LinkedHashMap<>();
                            Matcher pair =
                                    Pattern.compile("\"([A-Za-z]+)=([^\"]*)\"").matcher(line);
                            while (pair.find()) {
                                metadata.put(pair.group(1), pair.group(2));
                            }
                            triggers.add(new Trigger(name, metadata));
                        }
                    }
                }
            }
        }
        return triggers;
    }

    /** Any object {type: metrics-api, metadata: {...}}: a KEDA trigger or an Azure Container Apps custom rule. */
    private static void collect(String file, JsonNode node, List<Trigger> triggers) {
        if (node == null) {
            return;
        }
        if (node.isObject()
                && "metrics-api".equals(node.path("type").asText())
                && node.path("metadata").isObject()) {
            Map<String, String> metadata = new LinkedHashMap<>();
            node.path("metadata")
                    .fields()
                    .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            triggers.add(new Trigger(file, metadata));
        }
        node.elements().forEachRemaining(child -> collect(file, child, triggers));
    }

    @Test
    void everyTriggerUsesRealKeysAndReadsANumberFromTheAdapter() throws Exception {
        GitLabStubs stubs = new GitLabStubs(wiremock);
        stubs.jobs("platform/api", pendingJob(5, "docker"), pendingJob(9), runningJob(17, "docker"));
        stubs.jobs("it/pool-a", pendingJob(3, "docker"), runningJob(17, "docker"));
        stubs.jobs("it/pool-b", pendingJob(4, "docker"));
        for (String project : List.of("platform/api", "it/pool-a", "it/pool-b")) {
            poller.poll(ProjectRef.parse(project));
        }

        List<Trigger> triggers = triggers();
        assertEquals(
                5,
                triggers.size(),
                "ScaledObject (pending and forecastPending), ScaledJob, ACA app and ACA job: " + triggers);
        ObjectMapper json = new ObjectMapper();
        for (Trigger trigger : triggers) {
            assertTrue(
                    METRICS_API_KEYS.containsAll(trigger.metadata().keySet()),
                    trigger.file() + " uses keys KEDA does not know: "
                            + trigger.metadata().keySet());
            URI url = URI.create(trigger.metadata().get("url"));
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            String body = given().urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            JsonNode value = json.readTree(body).path(trigger.metadata().get("valueLocation"));
            assertTrue(
                    value.isNumber(),
                    trigger.file() + ": " + path + " has no number at "
                            + trigger.metadata().get("valueLocation") + ": " + body);
        }
    }
}
