package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The operator API as the ITs of issue 15 use it: a plan, a tenant on it, a key of the tenant. */
final class OperatorCalls {
    private OperatorCalls() {
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(OperatorServices.ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** A plan of its own (a fresh id) with {@code limits} (jobsPerMonth, concurrentJobs, ...); unnamed limits are none. */
    static String plan(Map<String, Object> limits) {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(limits).put("/admin/plans/" + id).then().statusCode(200);
        return id;
    }

    /** A new tenant on {@code plan}; answers its id. */
    static String tenant(String plan) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", "IT tenant"));
        body.put("plan", plan);
        admin().body(body).post("/admin/tenants").then().statusCode(201);
        return id;
    }

    /** A new API key of {@code tenant}: the key (shown this once) and its id. */
    record Key(String id, String secret) {
    }

    static Key key(String tenant) {
        var r = admin().body(Map.of("label", "it")).post("/admin/tenants/" + tenant + "/keys").then().statusCode(201).extract();
        return new Key(r.path("id"), r.path("key"));
    }

    /** A tenant on {@code limits} with one key. */
    static Key tenantKey(Map<String, Object> limits) {
        return key(tenant(plan(limits)));
    }
}
