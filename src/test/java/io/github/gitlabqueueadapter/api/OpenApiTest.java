package io.github.gitlabqueueadapter.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** {@code /q/openapi} as a client generator or a person reads it: endpoints, their JSON, statuses and credentials. */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class OpenApiTest {

    private static JsonPath description() {
        return given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theQueueEndpointsAreDescribedWithTheirJsonAndEveryStatus() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/queues/projects/{project}'.get.responses.'200'.content.'application/json'"
                                + ".schema.'$ref'",
                        equalTo("#/components/schemas/QueueView"))
                .body(
                        "paths.'/queues/projects/{project}'.get.responses.keySet()",
                        hasItems("200", "400", "401", "404", "503"))
                .body(
                        "paths.'/queues/pools/{name}'.get.responses.'503'.content.'application/json'"
                                + ".schema.'$ref'",
                        equalTo("#/components/schemas/ApiError"))
                .body("paths.'/queues/groups/{group}'.get", notNullValue())
                .body("paths.'/queues/{kind}/{name}/history'.get", notNullValue())
                .body("paths.'/webhooks/gitlab'.post.responses.keySet()", hasItems("202", "401", "413"))
                .body(
                        "components.schemas.QueueView.properties.keySet()",
                        hasItems(
                                "pending",
                                "running",
                                "total",
                                "oldestPendingSeconds",
                                "stale",
                                "capped",
                                "forecastPending",
                                "source",
                                "lastError"))
                .body("components.schemas.QueueView.properties.source.enum", hasItems("events", "polling"))
                .body("components.schemas.QueueView.properties.pending.type", equalTo("integer"))
                .body("components.schemas.ApiError.properties.keySet()", hasItems("status", "error", "message"));
    }

    @Test
    void everyWayKedaSendsACredentialIsASecurityScheme() {
        JsonPath doc = description();
        assertEquals("X-API-KEY", doc.getString("components.securitySchemes.apiKeyHeader.name"));
        assertEquals("header", doc.getString("components.securitySchemes.apiKeyHeader.in"));
        assertEquals("api_key", doc.getString("components.securitySchemes.apiKeyQuery.name"));
        assertEquals("query", doc.getString("components.securitySchemes.apiKeyQuery.in"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
    }
}
