package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the dispatcher's order. One job in flight per tenant and rounds of 4 rows
 * ({@link OperatorServices}); no worker runs, so a dispatched job stays out until the test ends it
 * in the database, as a worker's SUCCEEDED event would.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorServices.class, restrictToAnnotatedClass = true)
@DisplayName("Dispatch order under a flood, on the real services")
class DispatchPriorityIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    AgroalDataSource db;

    private static String submit(String key, String input, String lane) {
        Map<String, Object> job = new HashMap<>(ApiCalls.masterRequest(input));
        job.put("lane", lane);
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(job).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private void finish(String jobId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("update job set status = 'SUCCEEDED', updated_at = now() where id = ?")) {
            s.setObject(1, UUID.fromString(jobId));
            assertEquals(1, s.executeUpdate());
        }
    }

    private static String status(String key, String id) {
        return given().auth().oauth2(key).get("/v1/jobs/" + id).path("status");
    }

    @Test
    @DisplayName("another tenant's interactive job passes a flood larger than a round; within a tenant interactive goes before older bulk, and a rushed job before both")
    void interactiveAndFairShare() throws Exception {
        String a = OperatorCalls.tenantKey(Map.of()).secret();
        String b = OperatorCalls.tenantKey(Map.of()).secret();
        String inputA = ApiCalls.upload(a, "a.wav");
        List<String> bulk = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bulk.add(submit(a, inputA, "bulk"));
        }
        ApiCalls.awaitStatus(a, bulk.get(0), "DISPATCHED", WAIT);
        String interactiveA = submit(a, inputA, "interactive");

        String interactiveB = submit(b, ApiCalls.upload(b, "b.wav"), "interactive");
        ApiCalls.awaitStatus(b, interactiveB, "DISPATCHED", WAIT);
        assertEquals("QUEUED", status(a, interactiveA), "A is at its one job in flight");

        finish(bulk.get(0));
        ApiCalls.awaitStatus(a, interactiveA, "DISPATCHED", WAIT);
        for (String id : bulk.subList(1, 6)) {
            assertEquals("QUEUED", status(a, id), "older bulk jobs wait behind A's interactive job");
        }

        given().auth().oauth2(a).post("/v1/jobs/" + bulk.get(5) + "/rush").then().statusCode(200)
                .body("lane", equalTo("interactive")).body("status", equalTo("QUEUED"));
        given().auth().oauth2(a).post("/v1/jobs/" + interactiveA + "/rush").then().statusCode(409).body("code", equalTo("NOT_RUSHABLE"));
        finish(interactiveA);
        ApiCalls.awaitStatus(a, bulk.get(5), "DISPATCHED", WAIT);
        for (String id : bulk.subList(1, 5)) {
            assertEquals("QUEUED", status(a, id), "the rushed job went first");
        }
        finish(bulk.get(5));
        ApiCalls.awaitStatus(a, bulk.get(1), "DISPATCHED", WAIT);
        assertEquals("QUEUED", status(a, bulk.get(2)), "then the oldest bulk job, one at a time");
    }
}
