package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.worker.WorkerRuntime;
import dev.mixdown.worker.mix.MixWorkerJobs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Package jobs on real PostgreSQL, Kafka and S3Proxy, their parts run by two in-process mix workers. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Package jobs on the real services")
class PackageJobIT {
    private static final Duration PACKAGE_TIMEOUT = Duration.ofMinutes(4);
    private static final List<WorkerRuntime> WORKERS = new ArrayList<>();
    private static final List<Thread> THREADS = new ArrayList<>();
    private static ObjectStorage storage;

    @Inject
    JobStateMachine stateMachine;

    @Inject
    AgroalDataSource db;

    @Inject
    PackageTestJobs packages;

    @BeforeAll
    static void workers() throws IOException {
        storage = new ObjectStorage(RealServices.services.s3Endpoint(), RealServices.services.s3AccessKey(),
                RealServices.services.s3SecretKey(), "mixdown");
        Path work = Files.createTempDirectory("mixdown-package-it-");
        for (int w = 1; w <= 2; w++) {
            WorkerRuntime worker = new WorkerRuntime(new WorkerRuntime.Config(RealServices.services.kafkaBootstrap(), "mix-workers",
                    JobKind.MIX, "package-mix-" + w, 3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(200),
                    Duration.ofSeconds(2), work.resolve("w" + w)), new MixWorkerJobs(), storage);
            Thread t = new Thread(worker, "package-mix-" + w);
            t.start();
            WORKERS.add(worker);
            THREADS.add(t);
        }
    }

    @AfterAll
    static void stopWorkers() throws Exception {
        WORKERS.forEach(WorkerRuntime::stop);
        for (Thread t : THREADS) {
            t.join(30_000);
        }
        storage.close();
    }

    @Test
    @DisplayName("a package job fans out into plan, one part per version and assembly, ends SUCCEEDED with a ZIP whose files the manifest"
            + " lists with their hashes; a retried request and replayed events add no work")
    void packageEndToEnd() throws Exception {
        Map<String, Object> request = PackageCalls.packageRequest(PackageCalls.stems(8), Map.of("versions", List.of("main", "instrumental"),
                "lengths", List.of("full"), "formats", List.of("wav:48000:24", "mp3:320"), "stemsFor", List.of("main"),
                "identical", true, "targetLufs", -14, "ceilingDbtp", -1));
        String idem = UUID.randomUUID().toString();
        String id = PackageCalls.submit(request, idem);
        assertEquals(id, PackageCalls.submit(request, idem), "a retried request gets the same package");

        List<String> stages = new ArrayList<>();
        Response done = PackageCalls.awaitEnd(id, PACKAGE_TIMEOUT, stages);
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        assertTrue(stages.stream().anyMatch(s -> s.matches("[0-3] of 4 parts done")), "progress counts parts: " + stages);
        assertEquals("package", done.path("kind"));
        assertEquals(100.0, done.<Float>path("progress").doubleValue(), 1e-9);
        List<String> names = done.jsonPath().getList("outputs.name");
        assertEquals(List.of("Package_IT_package.zip", "manifest.json", "manifest.csv"), names);

        Map<String, byte[]> zip = unzip(download(done.jsonPath().getString("outputs[0].url")));
        byte[] manifestJson = download(done.jsonPath().getString("outputs[1].url"));
        assertArrayEquals(manifestJson, zip.get("manifest.json"), "the delivered manifest is the one in the ZIP");
        JsonNode manifest = Json.MAPPER.readTree(manifestJson);
        List<String> listed = new ArrayList<>();
        for (JsonNode f : manifest.get("files")) {
            String path = f.get("path").asText();
            listed.add(path);
            assertTrue(zip.containsKey(path), "the ZIP holds " + path);
            assertEquals(f.get("sha256").asText(), sha256(zip.get(path)), "the manifest's hash of " + path);
        }
        assertEquals(zip.size() - 2, listed.size(), "the ZIP holds the manifest's files and the two manifests, nothing else: " + zip.keySet());
        long masters = 0;
        for (JsonNode f : manifest.get("files")) {
            if (f.get("kind").asText().equals("master")) {
                masters++;
                assertTrue(f.get("onTarget").asBoolean(), f.get("path").asText() + " keeps the main's gain under the ceiling");
            }
        }
        assertEquals(4, masters, "2 versions x 1 length x 2 formats");
        assertTrue(listed.stream().anyMatch(p -> p.startsWith("stems/main/full/")), "the main's stems: " + listed);
        assertFalse(listed.stream().anyMatch(p -> p.startsWith("stems/instrumental/")), "no stems asked for the instrumental");

        Map<String, String> parts = PackageCalls.parts(db, id);
        assertEquals(Map.of("assemble", "SUCCEEDED", "plan", "SUCCEEDED", "version:instrumental", "SUCCEEDED",
                "version:main", "SUCCEEDED"), parts);
        assertEquals(4, PackageCalls.outboxRows(db, id), "each part published once");

        // every event of every part, applied again: nothing changes and no part is added
        List<JobEvent> events = new ArrayList<>();
        for (String partId : PackageCalls.partIds(db, id)) {
            events.addAll(WorkerProcesses.events(partId, seen -> seen.stream().anyMatch(e -> e.type().terminal()), Duration.ofSeconds(20)));
        }
        assertTrue(events.size() >= 8, "each part's events were read: " + events.size());
        for (JobEvent e : events) {
            assertFalse(stateMachine.apply(e), "a replayed " + e.type() + " event changes nothing");
        }
        assertEquals(parts, PackageCalls.parts(db, id));
        assertEquals(4, PackageCalls.outboxRows(db, id));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().body("status", equalTo("SUCCEEDED"))
                .body("outputs.name", equalTo(names));

        List<String> listedJobs = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs").then().statusCode(200).extract()
                .jsonPath().getList("id");
        assertTrue(listedJobs.contains(id));
        assertTrue(PackageCalls.partIds(db, id).stream().noneMatch(listedJobs::contains), "a package's parts are not listed as jobs of their own");
    }

    @Test
    @DisplayName("the beat-store preset on the cluster: masters, tagged and untagged previews, the main's stems, and a trackout ZIP")
    void beatStore() throws Exception {
        Map<String, Object> request = PackageCalls.packageRequest(PackageCalls.stems(40), null);
        request.remove("spec");
        request.put("preset", "beat-store");
        request.put("tag", PackageCalls.uploadTag());
        String id = PackageCalls.submit(request, null);
        Response done = WorkerProcesses.awaitEnd(id, PACKAGE_TIMEOUT);
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        assertEquals(List.of("Package_IT_package.zip", "Package_IT_trackout.zip", "manifest.json", "manifest.csv"),
                done.jsonPath().getList("outputs.name"));
        JsonNode manifest = Json.MAPPER.readTree(download(done.jsonPath().getString("outputs[2].url")));
        List<String> kinds = new ArrayList<>();
        manifest.get("files").forEach(f -> kinds.add(f.get("kind").asText() + ":" + f.get("format").asText()));
        assertTrue(kinds.containsAll(List.of("master:wav", "master:mp3", "preview-tagged:mp3", "preview:mp3", "stem:wav")), kinds.toString());
        assertEquals(6, unzip(download(done.jsonPath().getString("outputs[1].url"))).size(), "four stems and the two returns");
        assertEquals(Map.of("assemble", "SUCCEEDED", "plan", "SUCCEEDED", "version:main", "SUCCEEDED"), PackageCalls.parts(db, id));
    }

    @Test
    @DisplayName("a spec the engine refuses fails the plan part at once (no retry), and with it the package, naming the field")
    void badSpecFailsThePackage() throws Exception {
        String id = PackageCalls.submit(PackageCalls.packageRequest(PackageCalls.stems(4), Map.of("versions", List.of("main"), "lengths", List.of("full", "forever"))), null);
        Response failed = WorkerProcesses.awaitEnd(id, PACKAGE_TIMEOUT);
        assertEquals("FAILED", failed.path("status"));
        assertEquals("PART_FAILED", failed.path("error.code"));
        assertTrue(failed.<String>path("error.message").contains("plan") && failed.<String>path("error.message").contains("forever"),
                failed.asString());
        assertEquals(Map.of("plan", "FAILED"), PackageCalls.parts(db, id), "nothing was rendered");
    }

    @Test
    @DisplayName("a package whose parts are all queued is cancelled with them; once a part is under way, it cannot be")
    void cancel() throws Exception {
        String queued = packages.insert("local", JobStatus.QUEUED).toString();
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).post("/v1/jobs/" + queued + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(Map.of("plan", "CANCELLED"), PackageCalls.parts(db, queued));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + queued).then().body("status", equalTo("CANCELLED"));

        String started = packages.insert("local", JobStatus.DISPATCHED).toString();
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).post("/v1/jobs/" + started + "/cancel").then()
                .statusCode(409).body("code", equalTo("NOT_CANCELLABLE"));
        assertEquals(Map.of("plan", "DISPATCHED"), PackageCalls.parts(db, started));
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(Map.of("lane", "bulk"))
                .post("/v1/jobs/" + started + "/revisions").then().statusCode(409).body("code", equalTo("NOT_REVISABLE"));
    }

    @Test
    @DisplayName("bad package requests are refused before anything is queued, naming the problem")
    void refusedBeforeQueued() throws Exception {
        String mix = upload(RealServices.KEY_A, "mix.wav", ApiCalls.song(1));
        List<Map<String, Object>> stems = List.of(Map.of("key", mix));
        post(Map.of("kind", "package", "input", mix, "preset", "sync-library")).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("stereo mix"));
        post(Map.of("kind", "package", "stems", stems, "preset", "radio-edit")).then().statusCode(400)
                .body("code", equalTo("UNKNOWN_PRESET"));
        post(Map.of("kind", "package", "stems", stems, "preset", "beat-store")).then().statusCode(400)
                .body("message", containsString("voice tag"));
        post(Map.of("kind", "package", "stems", stems, "spec", Map.of("versions", List.of("main", "main")))).then().statusCode(400)
                .body("message", containsString("listed twice"));
        post(Map.of("kind", "package", "stems", List.of(Map.of("key", "tenants/local/uploads/x/none.wav")), "preset", "streaming"))
                .then().statusCode(400).body("code", equalTo("UNKNOWN_KEY"));
    }

    private static Response post(Map<String, Object> body) {
        return given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(body).post("/v1/jobs");
    }

    private static byte[] download(String url) throws IOException {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
