package dev.mixdown.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.storage.ObjectStorage;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http.Method;
import io.minio.MinioClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What S3Proxy, the local cluster's store, does with presigned URLs and headers nobody signed: the
 * facts ADR 0007 rests on. A presigned PUT obeys unsigned {@code x-amz-copy-source} and
 * {@code x-amz-acl}, so no PUT URL of the store may reach a tenant; a presigned GET reads its one
 * object whatever is added, so download URLs stay presigned.
 */
@DisplayName("S3Proxy's presigned URLs with unsigned headers")
class PresignedUrlIT {
    private static final byte[] A_SECRET = "tenant A's song".getBytes(StandardCharsets.UTF_8);
    private static final String KEY_A = "tenants/a/uploads/1/song.wav";
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private EmbeddedS3 s3;
    private ObjectStorage storage;
    private MinioClient client;

    @BeforeEach
    void store() throws Exception {
        s3 = new EmbeddedS3(dir.resolve("s3"), TestServices.freePort(), "mixdown", "mixdown-secret").start();
        storage = new ObjectStorage(s3.endpoint(), s3.accessKey(), s3.secretKey(), "mixdown");
        storage.ensureBucket();
        storage.upload(Files.write(dir.resolve("a.wav"), A_SECRET), KEY_A);
        client = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        storage.close();
        s3.close();
    }

    private String presign(Method method, String key) throws Exception {
        return client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method).bucket("mixdown").object(key)
                .expiry(600, TimeUnit.SECONDS).build());
    }

    private HttpResponse<byte[]> send(String method, String url, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] stored(String key) throws Exception {
        Path f = dir.resolve("stored.bin");
        storage.download(key, f);
        return Files.readAllBytes(f);
    }

    @Test
    @DisplayName("a presigned PUT obeys an unsigned x-amz-copy-source: the reason tenants never get the store's PUT URLs")
    void presignedPutCopiesOnUnsignedHeader() throws Exception {
        HttpResponse<byte[]> r = send("PUT", presign(Method.PUT, "tenants/b/uploads/2/x.wav"), new byte[0],
                "x-amz-copy-source", "/mixdown/" + KEY_A);

        assertEquals(200, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("CopyObjectResult"));
        assertArrayEquals(A_SECRET, stored("tenants/b/uploads/2/x.wav"), "B's key received A's bytes");
    }

    @Test
    @DisplayName("a presigned PUT obeys an unsigned x-amz-acl: public-read makes the object readable without credentials")
    void presignedPutPublishesOnUnsignedHeader() throws Exception {
        String key = "tenants/b/uploads/2/y.wav";
        String anonymous = s3.endpoint() + "/mixdown/" + key;

        assertEquals(200, send("PUT", presign(Method.PUT, key), A_SECRET, "x-amz-acl", "public-read").statusCode());

        assertEquals(200, send("GET", anonymous, null).statusCode());
        assertEquals(403, send("GET", s3.endpoint() + "/mixdown/" + KEY_A, null).statusCode(), "an object stored plainly stays private");
    }

    @Test
    @DisplayName("a presigned GET reads its one object: headers change nothing; another method or an added parameter is refused")
    void presignedGetOnlyReads() throws Exception {
        String key = "tenants/b/uploads/2/mine.wav";
        byte[] own = "B's bytes".getBytes(StandardCharsets.UTF_8);
        storage.upload(Files.write(dir.resolve("b.wav"), own), key);
        String get = presign(Method.GET, key);
        String copy = "/mixdown/" + KEY_A;

        HttpResponse<byte[]> read = send("GET", get, null, "x-amz-copy-source", copy, "X-HTTP-Method-Override", "PUT");
        assertEquals(200, read.statusCode());
        assertArrayEquals(own, read.body());
        assertEquals(403, send("PUT", get, new byte[0], "x-amz-copy-source", copy).statusCode(), "PUT");
        assertEquals(403, send("DELETE", get, null).statusCode(), "DELETE");
        assertEquals(403, send("PUT", get + "&acl", new byte[0], "x-amz-acl", "public-read").statusCode(), "PUT ?acl");
        assertEquals(403, send("GET", get + "&list-type=2&prefix=tenants/", null).statusCode(), "a listing");
        assertEquals(403, send("POST", get + "&delete", "<Delete><Object><Key>x</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8))
                .statusCode(), "a multi-delete");
        assertArrayEquals(own, stored(key));
        assertArrayEquals(A_SECRET, stored(KEY_A));
    }
}
