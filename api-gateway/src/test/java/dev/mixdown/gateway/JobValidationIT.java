package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.gateway.tenants.TenantBootstrap;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.Topics;
import dev.mixdown.local.KafkaJobClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field a worker would refuse is refused at the gateway, before anything is queued: a 400
 * with a code naming the field, and no job created. On the real PostgreSQL, Kafka and S3Proxy.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Job validation at the gateway")
class JobValidationIT {
    /** A tenant of its own, so that "no job was created" is a count of its jobs. */
    static final String KEY = "test-key-tenant-validation";
    static String drums;
    static String bass;
    static String reference;

    @Inject
    TenantBootstrap tenants;

    @BeforeEach
    void tenantAndFiles() {
        tenants.addKey("validation", "Validation tenant", KEY);
        if (drums == null) {
            String upload = UUID.randomUUID().toString();
            drums = upload(upload, "drums.wav");
            bass = upload(upload, "bass.wav");
            reference = upload(upload, "reference.wav");
        }
    }

    /** Validation reads only keys and fields, so the bytes need not be audio. */
    private static String upload(String upload, String name) {
        return given().auth().oauth2(KEY).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .put("/v1/uploads/" + upload + "/" + name).then().statusCode(200).extract().path("key");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A valid mix job chained into mastering, with two references; each case below breaks one field of it. */
    private static Map<String, Object> validMix() {
        return map("kind", "mix",
                "stems", new ArrayList<>(List.of(map("key", drums, "role", "drums", "pan", 0.0), map("key", bass, "role", "bass"))),
                "deliverables", new ArrayList<>(List.of(map("name", "spotify.wav", "format", "wav", "bits", "24",
                        "target", map("name", "spotify")))),
                "profile", "warm", "amount", 60,
                "references", new ArrayList<>(List.of(map("key", reference, "weight", 2), reference + ":0.5")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> job, String list) {
        return (Map<String, Object>) ((List<Object>) job.get(list)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> job, String list) {
        return (List<Object>) job.get(list);
    }

    private static Arguments bad(String field, Consumer<Map<String, Object>> breakIt, String code, String message) {
        return Arguments.of(field, breakIt, code, message);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("stem pan", j -> first(j, "stems").put("pan", 1.7), "INVALID_STEM",
                        "stems[0] (drums.wav): pan 1.7 is outside -1 (left)..1 (right)"),
                bad("stem role", j -> first(j, "stems").put("role", "vox"), "INVALID_STEM", "stems[0] (drums.wav): unknown role 'vox'"),
                bad("stem presence", j -> first(j, "stems").put("presence", "loud"), "INVALID_STEM",
                        "stems[0] (drums.wav): unknown presence 'loud'"),
                bad("stem reverb", j -> first(j, "stems").put("reverb", "cathedral"), "INVALID_STEM",
                        "stems[0] (drums.wav): unknown reverb 'cathedral'"),
                bad("stem gain", j -> first(j, "stems").put("gainDb", 41), "INVALID_STEM", "stems[0] (drums.wav): gainDb 41.0 is outside"),
                bad("stem without key", j -> first(j, "stems").remove("key"), "INVALID_STEM",
                        "stems[0]: a stem needs the key of an uploaded file"),
                // a null element is refused as the JSON is read, naming its place
                bad("null stem", j -> list(j, "stems").add(null), "INVALID_FIELD", "field stems[2]"),
                bad("null deliverable", j -> list(j, "deliverables").add(0, null), "INVALID_FIELD", "field deliverables[0]"),
                bad("null reference", j -> list(j, "references").add(null), "INVALID_FIELD", "field references[2]"),
                bad("profile", j -> j.put("profile", "loud"), "INVALID_PROFILE", "unknown tone profile 'loud'"),
                bad("amount", j -> j.put("amount", 150), "INVALID_AMOUNT", "amount 150.0 is outside 0..100 %"),
                bad("reference weight 0", j -> first(j, "references").put("weight", 0), "INVALID_REFERENCE",
                        "references[0] (reference.wav): weight 0.0 is outside (0, 10.0]"),
                bad("reference weight 11", j -> first(j, "references").put("weight", 11), "INVALID_REFERENCE",
                        "references[0] (reference.wav): weight 11.0 is outside"),
                bad("reference weight in the string form", j -> list(j, "references").set(1, reference + ":-1"), "INVALID_REFERENCE",
                        "references[1] (reference.wav): weight -1.0 is outside"),
                bad("unknown reference", j -> first(j, "references").put("key", "tenants/validation/uploads/x/none.wav"), "UNKNOWN_KEY",
                        "no uploaded file tenants/validation/uploads/x/none.wav"),
                bad("another tenant's reference", j -> first(j, "references").put("key", "tenants/local/uploads/x/song.wav"),
                        "UNKNOWN_KEY", "no uploaded file tenants/local/uploads/x/song.wav"),
                bad("references on a mix that is not mastered", j -> j.remove("deliverables"), "REFERENCES_NEED_DELIVERABLES",
                        "references steer mastering"),
                bad("too many references", j -> list(j, "references").addAll(java.util.Collections.nCopies(7, reference)),
                        "TOO_MANY_REFERENCES", "9 references; a job takes at most 8"),
                bad("too many deliverables", j -> {
                    for (int i = 0; i < 16; i++) {
                        list(j, "deliverables").add(map("name", "o" + i + ".wav"));
                    }
                }, "TOO_MANY_DELIVERABLES", "17 deliverables; a job delivers at most 16"),
                bad("deliverable named report.json", j -> first(j, "deliverables").put("name", "report.json"), "INVALID_DELIVERABLE",
                        "deliverables[0] (report.json): the name report.json is reserved for the job's report"),
                bad("deliverable named mix.wav", j -> first(j, "deliverables").put("name", "mix.wav"), "INVALID_DELIVERABLE",
                        "deliverables[0] (mix.wav): the name mix.wav is reserved"),
                bad("two deliverables of one name", j -> list(j, "deliverables").add(map("name", "Spotify.wav", "bits", "16")),
                        "INVALID_DELIVERABLE", "deliverables[1] (Spotify.wav): the same file name as deliverables[0]"),
                bad("mp3 under a .wav name", j -> first(j, "deliverables").putAll(map("format", "mp3", "bits", null)),
                        "INVALID_DELIVERABLE", "deliverables[0] (spotify.wav): format mp3 needs a name ending in .mp3, not .wav"),
                bad("32-bit float FLAC", j -> first(j, "deliverables").putAll(map("name", "o.flac", "format", "flac", "bits", "32f")),
                        "INVALID_DELIVERABLE", "deliverables[0] (o.flac): FLAC stores integers only"),
                bad("unknown target", j -> first(j, "deliverables").put("target", map("name", "radio")), "UNSUPPORTED_TARGET",
                        "deliverables[0] (spotify.wav): unknown target 'radio'"),
                bad("a mix with an input", j -> j.put("input", drums), "INVALID_REQUEST", "a mix job takes stems, not an input"));
    }

    private static int jobCount() {
        return given().auth().oauth2(KEY).get("/v1/jobs?limit=1000").then().statusCode(200).extract().jsonPath().getList("id").size();
    }

    private static String json(Object body) {
        return new String(Json.write(body), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    @DisplayName("a job with one bad field is a 400 whose code names the field, and no job is created")
    void badField(String field, Consumer<Map<String, Object>> breakIt, String code, String message) {
        int before = jobCount();
        Map<String, Object> job = validMix();
        breakIt.accept(job);
        // Json leaves null fields out (a field set to null is a field removed) but keeps null list elements
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(job)).post("/v1/jobs")
                .then().statusCode(400).contentType(ContentType.JSON).body("code", equalTo(code)).body("message", startsWith(message));
        assertEquals(before, jobCount(), "no job created");
    }

    @Test
    @DisplayName("the valid mix those cases break is queued, its references typed: {key, weight} objects and the older key:weight strings alike")
    void validMixQueued() {
        int before = jobCount();
        String id = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(validMix())).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        assertEquals(before + 1, jobCount());
        try (KafkaJobClient client = new KafkaJobClient(RealServices.services.kafkaBootstrap())) {
            JobMessage m = client.findJob(Topics.jobs(JobKind.MIX, Lane.INTERACTIVE), id, Duration.ofSeconds(20)).orElseThrow();
            assertEquals(List.of(new ReferenceTrack(reference, 2), new ReferenceTrack(reference, 0.5)), m.references());
        }
    }

    @Test
    @DisplayName("a batch with one bad job is refused naming the job and the field, and none of its jobs is created")
    void badJobInBatch() {
        int before = jobCount();
        Map<String, Object> broken = validMix();
        list(broken, "stems").set(0, null);
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(map("jobs", List.of(validMix(), broken))))
                .post("/v1/batches").then().statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("message", startsWith("field jobs[1].stems[0]"));
        assertEquals(before, jobCount());
    }

    @Test
    @DisplayName("a batch naming more than 2000 distinct files is refused before any of them is looked up in the store")
    void fanOut() {
        List<Object> jobs = new ArrayList<>();
        for (int j = 0; j < 16; j++) {
            List<Object> stems = new ArrayList<>();
            for (int s = 0; s < 128; s++) {
                stems.add(map("key", "tenants/validation/uploads/" + j + "/stem-" + s + ".wav"));
            }
            jobs.add(map("kind", "mix", "stems", stems));
        }
        int before = jobCount();
        // none of these files exists: an answer other than UNKNOWN_KEY means the store was not asked
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(map("jobs", jobs))).post("/v1/batches")
                .then().statusCode(400).body("code", equalTo("TOO_MANY_FILES"))
                .body("message", startsWith("the request names 2048 distinct uploaded files; one request may name at most 2000"));
        assertEquals(before, jobCount());
        // the same file named by every stem of every job is one look-up, and well within the cap
        List<Object> same = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            same.add(map("kind", "mix", "stems", java.util.Collections.nCopies(128, map("key", drums))));
        }
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(map("jobs", same))).post("/v1/batches")
                .then().statusCode(202);
        assertEquals(before + 3, jobCount());
    }

    @Test
    @DisplayName("revising a job into a bad one is refused like creating it")
    void badRevision() {
        String id = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(validMix())).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        int before = jobCount();
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(json(map("references", Arrays.asList(map("key", reference, "weight", -2)))))
                .post("/v1/jobs/" + id + "/revisions").then().statusCode(400).body("code", equalTo("INVALID_REFERENCE"));
        assertEquals(before, jobCount());
    }
}
