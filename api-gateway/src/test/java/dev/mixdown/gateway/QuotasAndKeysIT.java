package dev.mixdown.gateway;

import static dev.mixdown.gateway.OperatorCalls.admin;
import static dev.mixdown.gateway.OperatorCalls.tenantKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 15: plans, rate limits and the operator's tenant and key administration, on the real services. */
@QuarkusTest
@QuarkusTestResource(value = OperatorServices.class, restrictToAnnotatedClass = true)
@DisplayName("Plans, rate limits and API keys on the real services")
class QuotasAndKeysIT {

    private static Response submit(String key, Object job) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(job).post("/v1/jobs");
    }

    private static Map<String, Object> mix(String key, int stems) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 0; i < stems; i++) {
            list.add(Map.of("key", ApiCalls.upload(key, "stem" + i + ".wav"), "role", "drums"));
        }
        return Map.of("kind", "mix", "stems", list);
    }

    @Test
    @DisplayName("a job over the monthly plan is 403 QUOTA_EXCEEDED naming the quota, what was used, the limit and the first of next month")
    void monthlyJobs() {
        OperatorCalls.Key key = tenantKey(Map.of("jobsPerMonth", 2));
        String input = ApiCalls.upload(key.secret(), "a.wav");
        submit(key.secret(), ApiCalls.masterRequest(input)).then().statusCode(202);
        submit(key.secret(), ApiCalls.masterRequest(input)).then().statusCode(202);
        Instant reset = YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        submit(key.secret(), ApiCalls.masterRequest(input)).then().statusCode(403)
                .body("code", equalTo("QUOTA_EXCEEDED")).body("quota", equalTo("jobs_per_month"))
                .body("used", equalTo(2)).body("limit", equalTo(2)).body("resetsAt", equalTo(reset.toString()))
                .body("message", containsString("2 of 2 jobs used this month"));
        given().auth().oauth2(key.secret()).get("/v1/usage").then().statusCode(200)
                .body("jobsThisMonth.used", equalTo(2)).body("jobsThisMonth.limit", equalTo(2))
                .body("resetsAt", equalTo(reset.toString())).body("concurrentJobs.used", equalTo(2))
                .body("uploadBytesThisMonth.used", equalTo(8)).body("uploadBytesThisMonth.limit", nullValue());
    }

    @Test
    @DisplayName("a batch that would pass the monthly plan is refused whole, and creates no job")
    void batchAllOrNothing() {
        OperatorCalls.Key key = tenantKey(Map.of("jobsPerMonth", 3));
        String input = ApiCalls.upload(key.secret(), "a.wav");
        given().auth().oauth2(key.secret()).contentType(ContentType.JSON)
                .body(Map.of("jobs", List.of(ApiCalls.masterRequest(input), ApiCalls.masterRequest(input), ApiCalls.masterRequest(input),
                        ApiCalls.masterRequest(input))))
                .post("/v1/batches").then().statusCode(403).body("quota", equalTo("jobs_per_month")).body("used", equalTo(0))
                .body("message", containsString("this batch asks 4"));
        given().auth().oauth2(key.secret()).get("/v1/usage").then().body("jobsThisMonth.used", equalTo(0));
    }

    @Test
    @DisplayName("concurrent jobs, stems per job and upload bytes are each refused with their own quota")
    void otherQuotas() {
        OperatorCalls.Key concurrent = tenantKey(Map.of("concurrentJobs", 1));
        String input = ApiCalls.upload(concurrent.secret(), "a.wav");
        submit(concurrent.secret(), ApiCalls.masterRequest(input)).then().statusCode(202);
        submit(concurrent.secret(), ApiCalls.masterRequest(input)).then().statusCode(403)
                .body("quota", equalTo("concurrent_jobs")).body("used", equalTo(1)).body("limit", equalTo(1)).body("resetsAt", nullValue());

        OperatorCalls.Key stems = tenantKey(Map.of("stemsPerJob", 2));
        submit(stems.secret(), mix(stems.secret(), 2)).then().statusCode(202);
        submit(stems.secret(), mix(stems.secret(), 3)).then().statusCode(403)
                .body("quota", equalTo("stems_per_job")).body("used", equalTo(3)).body("limit", equalTo(2));

        // each uploaded file is 8 bytes: the first job's file fits in 12, a second new file does not
        OperatorCalls.Key bytes = tenantKey(Map.of("uploadBytesPerMonth", 12));
        String first = ApiCalls.upload(bytes.secret(), "a.wav");
        submit(bytes.secret(), ApiCalls.masterRequest(first)).then().statusCode(202);
        submit(bytes.secret(), ApiCalls.masterRequest(first)).then().statusCode(202);
        submit(bytes.secret(), ApiCalls.masterRequest(ApiCalls.upload(bytes.secret(), "b.wav"))).then().statusCode(403)
                .body("quota", equalTo("upload_bytes_per_month")).body("used", equalTo(8)).body("limit", equalTo(12))
                .body("resetsAt", notNullValue());
    }

    @Test
    @DisplayName("a key past its burst gets 429 RATE_LIMITED with a Retry-After that, once waited, lets it through again")
    void rateLimit() throws InterruptedException {
        OperatorCalls.Key key = tenantKey(Map.of("requestsPerMinute", 60, "burst", 3));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(key.secret()).get("/v1/usage").then().statusCode(200);
        }
        Response refused = given().auth().oauth2(key.secret()).get("/v1/usage");
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("RATE_LIMITED", refused.path("code"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "one token a second: Retry-After " + retryAfter);
        Thread.sleep(retryAfter * 1000L);
        given().auth().oauth2(key.secret()).get("/v1/usage").then().statusCode(200);
        // another key of another tenant is not slowed by this one
        given().auth().oauth2(tenantKey(Map.of("requestsPerMinute", 60, "burst", 3)).secret()).get("/v1/usage").then().statusCode(200);
    }

    @Test
    @DisplayName("a revoked key is refused on its very next request; a key revoked with a grace period works until then, beside its successor")
    void revocationAndRotation() {
        String tenant = OperatorCalls.tenant("unlimited");
        OperatorCalls.Key old = OperatorCalls.key(tenant);
        given().auth().oauth2(old.secret()).get("/v1/usage").then().statusCode(200).body("tenant", equalTo(tenant));

        OperatorCalls.Key next = OperatorCalls.key(tenant);
        admin().delete("/admin/tenants/" + tenant + "/keys/" + old.id() + "?graceSeconds=3600").then().statusCode(200)
                .body("revokedAt", notNullValue());
        given().auth().oauth2(old.secret()).get("/v1/usage").then().statusCode(200);
        given().auth().oauth2(next.secret()).get("/v1/usage").then().statusCode(200);

        admin().delete("/admin/tenants/" + tenant + "/keys/" + old.id()).then().statusCode(200);
        given().auth().oauth2(old.secret()).get("/v1/usage").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED")).body("message", containsString("revoked"));
        given().auth().oauth2(next.secret()).get("/v1/usage").then().statusCode(200);
        admin().get("/admin/tenants/" + tenant).then().body("activeKeys", equalTo(1));
    }

    @Test
    @DisplayName("keys are shown once and stored hashed: listings carry ids, never the key")
    void keysShownOnce() {
        String tenant = OperatorCalls.tenant(null);
        OperatorCalls.Key key = OperatorCalls.key(tenant);
        assertTrue(key.secret().startsWith("mxd_"), key.secret());
        String listing = admin().get("/admin/tenants/" + tenant + "/keys").then().statusCode(200)
                .body("id", hasItem(key.id())).extract().asString();
        assertTrue(!listing.contains(key.secret()) && !listing.contains(key.secret().substring(4)), listing);
        admin().get("/admin/tenants/" + tenant).then().body("plan", equalTo("free"));
        admin().get("/admin/tenants").then().body("id", hasItem(tenant));
        admin().body(Map.of("plan", "pro")).put("/admin/tenants/" + tenant + "/plan").then().statusCode(200).body("plan", equalTo("pro"));
        given().auth().oauth2(key.secret()).get("/v1/usage").then().body("plan", equalTo("pro"));
    }

    @Test
    @DisplayName("the operator API takes only the operator's key: a tenant's key or none is 401")
    void adminNeedsAdminKey() {
        given().get("/admin/tenants").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(RealServices.KEY_A).get("/admin/tenants").then().statusCode(401);
        admin().body(Map.of("id", "Bad Id")).post("/admin/tenants").then().statusCode(400);
        admin().body(Map.of("id", "local")).post("/admin/tenants").then().statusCode(409).body("code", equalTo("TENANT_EXISTS"));
        admin().body(Map.of("id", "nowhere-" + System.nanoTime() % 1000, "plan", "no-such-plan")).post("/admin/tenants").then()
                .statusCode(404).body("message", not(containsString("Exception")));
    }
}
