package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mixdown.gateway.tenants.TenantBootstrap;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 10, item 3: an Idempotency-Key names one request of one tenant on one endpoint. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Idempotency keys on the real services")
class IdempotencyIT {
    static final String KEY_B = "test-key-idempotency-other";

    @Inject
    AgroalDataSource db;

    @Inject
    TenantBootstrap tenants;

    private static Response create(String apiKey, String path, String idem, Object body) {
        return given().auth().oauth2(apiKey).contentType(ContentType.JSON).header("Idempotency-Key", idem).body(body).post(path);
    }

    @Test
    @DisplayName("the same key with the same request, however formatted, returns the first job; with another request it is 422 IDEMPOTENCY_KEY_REUSED")
    void sameKeyOtherBody() throws Exception {
        String a = ApiCalls.upload(RealServices.KEY_A, "a.wav");
        String b = ApiCalls.upload(RealServices.KEY_A, "b.wav");
        String idem = UUID.randomUUID().toString();
        String id = create(RealServices.KEY_A, "/v1/jobs", idem, ApiCalls.masterRequest(a)).then().statusCode(202).extract().path("id");
        String reformatted = "{ \"input\" : \"" + a + "\", \"kind\":\"master\", \"deliverables\":[{\"target\":{\"name\":\"spotify\"},"
                + "\"bits\":\"24\",\"format\":\"wav\",\"name\":\"out.wav\"}] }";
        long before = ApiCalls.jobCount(db);
        create(RealServices.KEY_A, "/v1/jobs", idem, reformatted).then().statusCode(202).body("id", equalTo(id));
        create(RealServices.KEY_A, "/v1/jobs", idem, ApiCalls.masterRequest(b)).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(before, ApiCalls.jobCount(db), "neither the retry nor the reuse created a job");
    }

    @Test
    @DisplayName("a job's key used on the revisions or batches endpoint is 422 IDEMPOTENCY_KEY_REUSED, never the unrelated job")
    void otherEndpoint() {
        String a = ApiCalls.upload(RealServices.KEY_A, "a.wav");
        String idem = UUID.randomUUID().toString();
        String id = create(RealServices.KEY_A, "/v1/jobs", idem, ApiCalls.masterRequest(a)).then().statusCode(202).extract().path("id");
        create(RealServices.KEY_A, "/v1/jobs/" + id + "/revisions", idem, Map.of("lane", "bulk")).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED")).body("message", containsString("POST /v1/jobs"));
        create(RealServices.KEY_A, "/v1/batches", idem, Map.of("jobs", List.of(ApiCalls.masterRequest(a)))).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        String revIdem = UUID.randomUUID().toString();
        String rev = create(RealServices.KEY_A, "/v1/jobs/" + id + "/revisions", revIdem, Map.of("lane", "bulk")).then().statusCode(202)
                .extract().path("id");
        create(RealServices.KEY_A, "/v1/jobs/" + id + "/revisions", revIdem, Map.of("lane", "bulk")).then().statusCode(202)
                .body("id", equalTo(rev));
        String other = create(RealServices.KEY_A, "/v1/jobs", UUID.randomUUID().toString(), ApiCalls.masterRequest(a)).then()
                .statusCode(202).extract().path("id");
        create(RealServices.KEY_A, "/v1/jobs/" + other + "/revisions", revIdem, Map.of("lane", "bulk")).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    @DisplayName("eight concurrent retries of one create, and of one batch, all get the one result and no 500")
    void concurrentRetries() throws Exception {
        String a = ApiCalls.upload(RealServices.KEY_A, "a.wav");
        String jobKey = UUID.randomUUID().toString();
        String batchKey = UUID.randomUUID().toString();
        long before = ApiCalls.jobCount(db);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> jobs = new ArrayList<>();
            List<Future<Response>> batches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                jobs.add(pool.submit((Callable<Response>) () -> create(RealServices.KEY_A, "/v1/jobs", jobKey, ApiCalls.masterRequest(a))));
                batches.add(pool.submit((Callable<Response>) () -> create(RealServices.KEY_A, "/v1/batches", batchKey,
                        Map.of("jobs", List.of(ApiCalls.masterRequest(a), ApiCalls.masterRequest(a))))));
            }
            Set<String> jobIds = new HashSet<>();
            Set<String> batchIds = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                Response j = jobs.get(i).get();
                assertEquals(202, j.statusCode(), j.asString());
                jobIds.add(j.path("id"));
                Response b = batches.get(i).get();
                assertEquals(202, b.statusCode(), b.asString());
                batchIds.add(b.path("id") + " " + b.path("jobs.id"));
            }
            assertEquals(1, jobIds.size(), "one job: " + jobIds);
            assertEquals(1, batchIds.size(), "one batch, its jobs in order: " + batchIds);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 3, ApiCalls.jobCount(db), "one job and one batch of two");
    }

    @Test
    @DisplayName("a key over 200 characters is 400 INVALID_IDEMPOTENCY_KEY; 200 are accepted")
    void keyLength() {
        String a = ApiCalls.upload(RealServices.KEY_A, "a.wav");
        create(RealServices.KEY_A, "/v1/jobs", "k".repeat(201), ApiCalls.masterRequest(a)).then().statusCode(400)
                .contentType(ContentType.JSON).body("code", equalTo("INVALID_IDEMPOTENCY_KEY"));
        create(RealServices.KEY_A, "/v1/jobs", UUID.randomUUID() + "k".repeat(164), ApiCalls.masterRequest(a)).then().statusCode(202);
    }

    @Test
    @DisplayName("two tenants may use the same key: each gets its own job")
    void perTenant() {
        tenants.addKey("idem-other", "Another tenant", KEY_B);
        String idem = UUID.randomUUID().toString();
        String mine = create(RealServices.KEY_A, "/v1/jobs", idem, ApiCalls.masterRequest(ApiCalls.upload(RealServices.KEY_A, "a.wav")))
                .then().statusCode(202).extract().path("id");
        String theirs = create(KEY_B, "/v1/jobs", idem, ApiCalls.masterRequest(ApiCalls.upload(KEY_B, "a.wav")))
                .then().statusCode(202).extract().path("id");
        assertNotEquals(mine, theirs);
    }
}
