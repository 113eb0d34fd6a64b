package io.github.gitlabqueueadapter.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Reads of the adapter's endpoints as KEDA sends them. */
public final class QueueReads {

    private QueueReads() {}

    /** GET a project's queue: the path already encoded once, not encoded again by the client. */
    public static Response read(String project) {
        return given().urlEncodingEnabled(false).get("/queues/projects/" + project.replace("/", "%2F"));
    }
}
