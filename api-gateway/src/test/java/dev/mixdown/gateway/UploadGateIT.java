package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.gateway.tenants.TenantBootstrap;
import dev.mixdown.jobs.storage.ObjectStorage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The upload URLs a tenant is given, attacked the way issue 10 did it, on the real store (S3Proxy
 * here, MinIO where Docker runs): each URL writes its one key and nothing else (ADR 0007).
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Upload URLs handed to tenants")
class UploadGateIT {
    static final String KEY_B = "test-key-tenant-attacker";
    static final byte[] A_SECRET = "tenant A's unreleased song".getBytes(StandardCharsets.UTF_8);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    TenantBootstrap tenants;

    @Inject
    ObjectStorage storage;

    @BeforeEach
    void attacker() {
        tenants.addKey("attacker", "A tenant trying to read others' files", KEY_B);
    }

    /** POST /v1/uploads for one file: its key and URL. */
    private static Map<String, String> slot(String apiKey, String name) {
        return given().auth().oauth2(apiKey).contentType(ContentType.JSON).body(Map.of("files", List.of(name)))
                .post("/v1/uploads").then().statusCode(200).extract().jsonPath().getMap("files[0]");
    }

    private HttpResponse<String> put(String url, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] stored(String key) throws Exception {
        Path f = Files.createTempFile("stored-", ".bin");
        try {
            storage.download(key, f);
            return Files.readAllBytes(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** Tenant A's file, uploaded through its own URL; returns its key. */
    private String uploadOfA() throws Exception {
        Map<String, String> a = slot(RealServices.KEY_A, "song.wav");
        assertEquals(200, put(a.get("url"), A_SECRET).statusCode());
        return a.get("key");
    }

    @Test
    @DisplayName("stores the body under the URL's key, with no API key, and answers the key and size")
    void normalUpload() throws Exception {
        Map<String, String> a = slot(RealServices.KEY_A, "mix (v2).wav");
        assertTrue(a.get("key").startsWith("tenants/local/uploads/"), a.get("key"));
        assertFalse(a.get("url").contains("X-Amz-"), "the URL leads to the gateway, not to the store: " + a.get("url"));

        HttpResponse<String> r = put(a.get("url"), A_SECRET);

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"bytes\":" + A_SECRET.length), r.body());
        assertArrayEquals(A_SECRET, stored(a.get("key")));
    }

    @Test
    @DisplayName("pass no x-amz-copy-source to the store: another tenant's object is never copied into the attacker's key")
    void copySourceAttackFails() throws Exception {
        String keyOfA = uploadOfA();
        Map<String, String> b = slot(KEY_B, "x.wav");
        String source = "/mixdown/" + keyOfA;

        HttpResponse<String> empty = put(b.get("url"), new byte[0], "x-amz-copy-source", source);
        assertEquals(200, empty.statusCode(), empty.body());
        assertFalse(empty.body().contains("CopyObjectResult"), empty.body());
        assertArrayEquals(new byte[0], stored(b.get("key")), "the attacker's object holds what the attacker sent: nothing");

        byte[] own = "B's own bytes".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, put(b.get("url"), own, "x-amz-copy-source", source, "x-amz-metadata-directive", "REPLACE").statusCode());
        assertArrayEquals(own, stored(b.get("key")));
        assertArrayEquals(A_SECRET, stored(keyOfA), "A's object is untouched");
    }

    @Test
    @DisplayName("pass no x-amz-acl to the store: an object uploaded with public-read stays unreadable without credentials")
    void publicAclAttackFails() throws Exception {
        Map<String, String> b = slot(KEY_B, "public.wav");

        HttpResponse<String> r = put(b.get("url"), A_SECRET, "x-amz-acl", "public-read", "x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"");

        assertEquals(200, r.statusCode(), r.body());
        assertArrayEquals(A_SECRET, stored(b.get("key")), "the object was stored");
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(
                URI.create(RealServices.services.s3Endpoint() + "/mixdown/" + b.get("key"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, anonymous.statusCode(), "an anonymous GET is refused");
    }

    @Test
    @DisplayName("refuse a URL whose key, expiry or signature was changed, and a body without a length, leaving the target untouched")
    void tamperedUrlsAreRefused() throws Exception {
        String keyOfA = uploadOfA();
        String url = slot(KEY_B, "x.wav").get("url");
        String uploadOfA = keyOfA.split("/")[3];
        byte[] evil = "overwritten".getBytes(StandardCharsets.UTF_8);

        String otherKey = url.replaceFirst("tenants/attacker/uploads/[^/]+/x.wav", "tenants/local/uploads/" + uploadOfA + "/song.wav");
        HttpResponse<String> r = put(otherKey, evil);
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("UPLOAD_URL_INVALID"), r.body());
        assertEquals(403, put(url.replaceFirst("expires=\\d+", "expires=99999999999"), evil).statusCode(), "a later expiry");
        assertEquals(403, put(url.replaceFirst("&signature=.*", ""), evil).statusCode(), "no signature");
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(evil))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(411, chunked.statusCode(), chunked.body());
        assertArrayEquals(A_SECRET, stored(keyOfA), "A's object is untouched");
    }

    @Test
    @DisplayName("download URLs read their one object: a copy-source header changes nothing and the URL cannot write")
    void downloadUrlsOnlyRead() throws Exception {
        String keyOfA = uploadOfA();
        Map<String, String> b = slot(KEY_B, "mine.wav");
        byte[] own = "B's own bytes".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, put(b.get("url"), own).statusCode());
        String get = storage.presignedGet(b.get("key"), 60);

        HttpResponse<byte[]> read = http.send(HttpRequest.newBuilder(URI.create(get)).header("x-amz-copy-source", "/mixdown/" + keyOfA)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, read.statusCode());
        assertArrayEquals(own, read.body(), "a GET with a copy-source header reads its own object");

        HttpResponse<String> write = put(get, new byte[0], "x-amz-copy-source", "/mixdown/" + keyOfA);
        assertEquals(403, write.statusCode(), write.body());
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(get + "&list-type=2&prefix=tenants/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, list.statusCode(), "an added query parameter breaks the signature");
        assertArrayEquals(own, stored(b.get("key")));
        assertTrue(storage.exists(keyOfA));
    }
}
