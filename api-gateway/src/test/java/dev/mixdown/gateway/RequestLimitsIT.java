package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.raw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 10, items 2 and 6: no request body can exhaust the gateway's memory or disk. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Request size limits on the real services")
class RequestLimitsIT {
    private static final String AUTH = "Authorization: Bearer " + RealServices.KEY_A;
    /** The attack of the issue: a references array of millions of entries. */
    private static final byte[] REFERENCES = "\"tenants/local/uploads/x/y.wav\",".repeat(2048).getBytes(StandardCharsets.US_ASCII);

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("a JSON body declaring more than 1 MB is refused with 413 BODY_TOO_LARGE JSON before it is read")
    void declaredTooLarge() throws Exception {
        ApiCalls.Raw answer = raw("POST /v1/jobs HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json\r\nContent-Length: 2000000",
                false, 2_000_000, REFERENCES);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":\"BODY_TOO_LARGE\""), answer.body());
    }

    @Test
    @DisplayName("a chunked JSON body is refused with 413 BODY_TOO_LARGE JSON once it passes 1 MB")
    void chunkedTooLarge() throws Exception {
        ApiCalls.Raw answer = raw("POST /v1/batches HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json", true, 5_000_000,
                REFERENCES);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":\"BODY_TOO_LARGE\""), answer.body());
    }

    @Test
    @DisplayName("a JSON body just under 1 MB is read and judged on its content")
    void underTheLimit() {
        StringBuilder refs = new StringBuilder();
        while (refs.length() < 900_000) {
            refs.append(refs.isEmpty() ? "" : ",").append("\"tenants/local/uploads/x/y.wav\"");
        }
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON)
                .body("{\"kind\":\"master\",\"references\":[" + refs + "]}").post("/v1/jobs")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    @DisplayName("twenty concurrent 80 MB bodies (half declared, half chunked) are refused with 413, and afterwards the gateway is ready and still dispatches a job")
    void concurrentHugeBodies() throws Exception {
        long before = ApiCalls.jobCount(db);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<ApiCalls.Raw>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                boolean chunked = i % 2 == 0;
                String head = "POST /v1/jobs HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json"
                        + (chunked ? "" : "\r\nContent-Length: 80000000");
                answers.add(pool.submit(() -> raw(head, chunked, 80_000_000, REFERENCES)));
            }
            for (Future<ApiCalls.Raw> f : answers) {
                ApiCalls.Raw answer = f.get();
                assertEquals(413, answer.status(), answer.body());
                assertTrue(answer.body().contains("\"code\":\"BODY_TOO_LARGE\""), answer.body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, ApiCalls.jobCount(db), "no job from a refused body");
        given().get("/q/health/ready").then().statusCode(200);
        String input = ApiCalls.upload(RealServices.KEY_A, "song.wav");
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(ApiCalls.masterRequest(input))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        ApiCalls.awaitStatus(RealServices.KEY_A, id, "DISPATCHED", Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("a streamed upload declaring more than the 2 GB cap is refused with 413 UPLOAD_TOO_LARGE pointing to signed upload URLs")
    void uploadTooLarge() throws Exception {
        ApiCalls.Raw answer = raw("PUT /v1/uploads/u1/big.wav HTTP/1.1\r\n" + AUTH
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 3000000000", false, 1_000_000, REFERENCES);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":\"UPLOAD_TOO_LARGE\""), answer.body());
        assertTrue(answer.body().contains("signed upload URLs"), answer.body());
    }

    @Test
    @DisplayName("a streamed upload of several megabytes still passes: only JSON bodies are held to 1 MB")
    void uploadUnderCap() {
        byte[] stem = new byte[3_000_000];
        given().auth().oauth2(RealServices.KEY_A).contentType("application/octet-stream").body(stem)
                .put("/v1/uploads/" + java.util.UUID.randomUUID() + "/stem.wav")
                .then().statusCode(200).body("bytes", equalTo(3_000_000));
    }

    @Test
    @DisplayName("an upload request naming more files than allowed is refused with 400 TOO_MANY_FILES")
    void tooManyFiles() {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            files.add("f" + i + ".wav");
        }
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(java.util.Map.of("files", files))
                .post("/v1/uploads").then().statusCode(400).body("code", equalTo("TOO_MANY_FILES"))
                .body("message", containsString("at most 256"));
    }

    @Test
    @DisplayName("a batch of more jobs than allowed is refused with 400 BATCH_TOO_LARGE")
    void batchTooLarge() {
        List<Object> jobs = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            jobs.add(java.util.Map.of("kind", "master"));
        }
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(java.util.Map.of("jobs", jobs))
                .post("/v1/batches").then().statusCode(400).body("code", equalTo("BATCH_TOO_LARGE"));
    }
}
