package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 10, items 5, 9 and 10: every error is JSON with a code; metrics and the OpenAPI document hold. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Error answers, metrics and OpenAPI on the real services")
class ErrorShapeIT {
    @Inject
    AgroalDataSource db;

    String input;
    long jobsBefore;

    @BeforeEach
    void prepare() throws Exception {
        input = ApiCalls.upload(RealServices.KEY_A, "song.wav");
        jobsBefore = ApiCalls.jobCount(db);
    }

    @AfterEach
    void nothingCreated() throws Exception {
        assertEquals(jobsBefore, ApiCalls.jobCount(db), "a refused request creates no job");
    }

    private ValidatableResponse post(String path, String json) {
        return given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(json).post(path).then()
                .contentType(ContentType.JSON);
    }

    private String deliverable() {
        return "{\"name\":\"out.wav\",\"format\":\"wav\",\"bits\":\"24\",\"target\":{\"name\":\"spotify\"}}";
    }

    @Test
    @DisplayName("a null element in stems, deliverables or references is a 400 INVALID_FIELD naming its place")
    void nullElements() {
        post("/v1/jobs", "{\"kind\":\"mix\",\"stems\":[{\"key\":\"" + input + "\"},null]}")
                .statusCode(400).body("code", equalTo("INVALID_FIELD")).body("message", containsString("stems[1]"));
        post("/v1/jobs", "{\"kind\":\"master\",\"input\":\"" + input + "\",\"deliverables\":[null]}")
                .statusCode(400).body("code", equalTo("INVALID_FIELD")).body("message", containsString("deliverables[0]"));
        post("/v1/jobs", "{\"kind\":\"master\",\"input\":\"" + input + "\",\"deliverables\":[" + deliverable() + "],\"references\":[null]}")
                .statusCode(400).body("code", equalTo("INVALID_FIELD")).body("message", containsString("references[0]"));
        post("/v1/batches", "{\"jobs\":[null]}").statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("message", containsString("jobs[0]"));
    }

    @Test
    @DisplayName("malformed JSON and NaN are a 400 MALFORMED_JSON; deep nesting is refused at the first level the request does not have")
    void malformed() {
        post("/v1/jobs", "{\"kind\":").statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        post("/v1/jobs", "{\"kind\":\"master\"} trailing").statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        post("/v1/jobs", "{\"kind\":\"master\",\"amount\":NaN}").statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        post("/v1/batches", "{\"jobs\":" + "[".repeat(5000) + "]".repeat(5000) + "}").statusCode(400)
                .body("code", equalTo("INVALID_FIELD")).body("message", containsString("jobs[0]"));
        post("/v1/jobs", "[".repeat(5000) + "]".repeat(5000)).statusCode(400).body("code", equalTo("INVALID_FIELD"));
    }

    @Test
    @DisplayName("wrong types, non-finite numbers and integer overflow are a 400 INVALID_FIELD naming the field's path")
    void wrongValues() {
        post("/v1/jobs", "{\"kind\":\"mix\",\"stems\":\"drums.wav\"}").statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("message", containsString("stems"));
        post("/v1/jobs", "{\"kind\":\"master\",\"amount\":\"NaN\"}").statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("message", containsString("amount"));
        post("/v1/jobs", "{\"kind\":\"master\",\"amount\":1e400}").statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("message", containsString("amount"));
        post("/v1/jobs", "{\"kind\":\"master\",\"deliverables\":[{\"name\":\"o.wav\",\"sampleRate\":99999999999}]}").statusCode(400)
                .body("code", equalTo("INVALID_FIELD")).body("message", containsString("deliverables[0].sampleRate"));
        post("/v1/jobs", "{\"kind\":\"master\",\"deliverables\":[{\"name\":\"o.wav\",\"sampleRate\":44100.5}]}").statusCode(400)
                .body("code", equalTo("INVALID_FIELD")).body("message", containsString("deliverables[0].sampleRate"));
        post("/v1/jobs", "[]").statusCode(400).body("code", equalTo("INVALID_FIELD"));
    }

    @Test
    @DisplayName("an unknown field is a 400 UNKNOWN_FIELD naming it, at the top or nested")
    void unknownFields() {
        post("/v1/jobs", "{\"kind\":\"master\",\"input\":\"" + input + "\",\"priority\":\"high\"}").statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD")).body("message", containsString("priority"));
        post("/v1/batches", "{\"jobs\":[{\"kind\":\"master\",\"deliverables\":[{\"name\":\"o.wav\",\"colour\":1}]}]}").statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD")).body("message", containsString("jobs[0].deliverables[0].colour"));
    }

    @Test
    @DisplayName("a body that is not JSON is a 415 UNSUPPORTED_MEDIA_TYPE JSON error")
    void wrongContentType() {
        given().auth().oauth2(RealServices.KEY_A).contentType("text/plain").body("kind=master").post("/v1/jobs").then()
                .statusCode(415).contentType(ContentType.JSON).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().auth().oauth2(RealServices.KEY_A).contentType("application/xml").body("<job/>").post("/v1/batches").then()
                .statusCode(415).contentType(ContentType.JSON).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    @DisplayName("a malformed id, limit or batch is a 400 INVALID_PARAMETER naming it, not an empty 404")
    void badParameters() {
        for (String path : new String[] {"/v1/jobs/not-a-uuid", "/v1/jobs/x/report", "/v1/jobs/x/events"}) {
            given().auth().oauth2(RealServices.KEY_A).get(path).then().statusCode(400).contentType(ContentType.JSON)
                    .body("code", equalTo("INVALID_PARAMETER"));
        }
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/not-a-uuid").then().statusCode(400).contentType(ContentType.JSON)
                .body("code", equalTo("INVALID_PARAMETER")).body("message", containsString("id"));
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).post("/v1/jobs/123/cancel").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs?limit=abc").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("message", containsString("limit"));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs?batch=notuuid").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("message", containsString("batch"));
    }

    @Test
    @DisplayName("an unknown route is a 404 and a wrong method a 405, both JSON with a code")
    void unknownRoutes() {
        given().auth().oauth2(RealServices.KEY_A).get("/v1/nothing/here").then().statusCode(404).contentType(ContentType.JSON)
                .body("code", equalTo("NOT_FOUND"));
        given().get("/nowhere").then().statusCode(404).contentType(ContentType.JSON).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(RealServices.KEY_A).delete("/v1/jobs").then().statusCode(405).contentType(ContentType.JSON)
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    @DisplayName("fifty random junk paths, with and without a key, add no series to /q/metrics")
    void metricsDoNotGrow() {
        junk(new Random(1));
        Set<String> before = httpSeries();
        junk(new Random(2));
        Set<String> after = httpSeries();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "new series: " + after);
        assertTrue(before.stream().noneMatch(s -> s.contains("junk")), "no raw path as a tag: " + before);
    }

    private static void junk(Random random) {
        String[] methods = {"GET", "PUT", "POST", "DELETE"};
        String[] prefixes = {"/v1/junk", "/v1/uploads/junk", "/junk", "/v1/jobs/junk/x/y"};
        for (int i = 0; i < 50; i++) {
            // "/x/..", not "/..": "/junk…/.." is "/", the web app's page
            String path = prefixes[random.nextInt(prefixes.length)] + Long.toHexString(random.nextLong()) + (random.nextBoolean() ? "/x/.." : "");
            var request = given().urlEncodingEnabled(false);
            if (random.nextBoolean()) {
                request = request.auth().oauth2(RealServices.KEY_A);
            }
            int status = request.request(methods[random.nextInt(methods.length)], path).then().extract().statusCode();
            assertTrue(status >= 400 && status < 500, path + " answered " + status);
        }
    }

    private static Set<String> httpSeries() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> series = new TreeSet<>();
        metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")).forEach(l -> series.add(l.substring(0, l.indexOf('}') + 1)));
        return series;
    }

    @Test
    @DisplayName("the OpenAPI document declares the bearer API key and the JSON error responses")
    void openApi() {
        var doc = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200);
        doc.body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("components.schemas.Error.required", org.hamcrest.Matchers.hasItems("code", "message"))
                .body("paths.'/v1/jobs'.post.security[0].apiKey", notNullValue());
        for (String status : new String[] {"400", "401", "413", "415", "422"}) {
            doc.body("paths.'/v1/jobs'.post.responses.'" + status + "'.content.'application/json'.schema.$ref",
                    equalTo("#/components/schemas/Error"));
        }
        doc.body("paths.'/v1/jobs/{id}'.get.responses.'404'.content.'application/json'.schema.$ref", equalTo("#/components/schemas/Error"))
                .body("paths.'/v1/jobs/{id}/cancel'.post.responses.'409'", notNullValue());
    }
}
