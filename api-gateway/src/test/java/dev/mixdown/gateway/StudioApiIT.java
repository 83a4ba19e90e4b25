package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.awaitStatus;
import static dev.mixdown.gateway.ApiCalls.masterRequest;
import static dev.mixdown.gateway.ApiCalls.song;
import static dev.mixdown.gateway.ApiCalls.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.gateway.tenants.TenantBootstrap;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRules;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The web app's static files and security headers, the /v1/studio endpoints it reads and a job's ZIP download, on the real services. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Mixdown Studio's files, headers and endpoints on the real services")
class StudioApiIT {
    @Inject
    TenantBootstrap tenants;

    @Inject
    JobStateMachine jobs;

    @Inject
    ObjectStorage storage;

    @Test
    @DisplayName("the web app is served at / with a strict Content-Security-Policy that allows the store only for media and images")
    void webAppAndPolicy() {
        String csp = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>Mixdown Studio</title>"))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .extract().header("Content-Security-Policy");
        assertNotNull(csp, "the page carries a Content-Security-Policy");
        String store = RealServices.services.s3Endpoint().replaceFirst("/+$", "");
        Map<String, String> d = directives(csp);
        assertEquals("'none'", d.get("default-src"));
        assertEquals("'self'", d.get("script-src"), "scripts only from the gateway: no inline, no eval, no CDN");
        assertEquals("'self'", d.get("style-src"));
        assertEquals("'self'", d.get("connect-src"), "API calls and uploads only to the gateway");
        assertEquals("'self' " + URI.create(store).getScheme() + "://" + URI.create(store).getAuthority(), d.get("media-src"));
        assertEquals("'none'", d.get("frame-ancestors"));
        assertFalse(csp.contains("unsafe"), csp);
        given().get("/studio/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", equalTo(csp));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/vocabulary").then().statusCode(200)
                .header("Content-Security-Policy", equalTo(csp));
        given().get("/q/health").then().header("Content-Security-Policy", nullValue());
    }

    @Test
    @DisplayName("the page has no inline script, no inline event handler and no inline style, and names no other origin")
    void noInlineCode() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int found = 0;
        while (scripts.find()) {
            found++;
            assertTrue(scripts.group(1).contains("src=\"studio/"), "every script is a file of the app: " + scripts.group());
            assertEquals("", scripts.group(2).trim(), "no inline script");
        }
        assertTrue(found > 0);
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no inline event handler");
        assertFalse(html.contains("style="), "no inline style");
        assertFalse(html.contains("http://") || html.contains("https://"), "no other origin (no CDN)");
    }

    @Test
    @DisplayName("the vocabulary is the gateway's own rules, and roles are inferred from file names with the engine's table")
    void vocabularyAndRoles() {
        given().get("/v1/studio/vocabulary").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        Response v = given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/vocabulary").then().statusCode(200).extract().response();
        assertEquals(JobRules.ROLES, v.jsonPath().getList("roles"));
        assertEquals(DeliveryRules.TARGETS, v.jsonPath().getList("targets"));
        assertTrue(v.jsonPath().getList("roleNames").size() > 100, "the whole name table");
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON)
                .body(Map.of("files", List.of("Kick.wav", "LeadVox.wav", "Gtr_L.aif", "chords.wav"))).post("/v1/studio/roles")
                .then().statusCode(200)
                .body("[0].role", equalTo("kick")).body("[1].role", equalTo("vocal")).body("[2].role", equalTo("guitar"))
                .body("[3].role", nullValue()).body("[3].evidence", containsString("from the audio"))
                .body("[1].evidence", containsString("LeadVox.wav"));
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(Map.of("files", List.of()))
                .post("/v1/studio/roles").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    @DisplayName("the job list counts jobs per status, filters by status and finds a job by its file name; the result page shows the job, its original and its revisions, to its tenant only")
    void listSearchAndResultPage() throws Exception {
        String name = "needle-" + UUID.randomUUID().toString().substring(0, 8) + ".wav";
        String input = upload(RealServices.KEY_A, name, song(1));
        String other = upload(RealServices.KEY_A, "haystack.wav", song(1));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(other, "spotify"))
                .post("/v1/jobs").then().statusCode(202);

        Response all = given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/jobs").then().statusCode(200).extract().response();
        Map<String, Integer> counts = all.jsonPath().getMap("counts");
        assertEquals(List.of("QUEUED", "DISPATCHED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"), List.copyOf(counts.keySet()));
        assertEquals(all.jsonPath().getList("jobs").size(), counts.values().stream().mapToInt(Integer::intValue).sum(),
                "every job of the tenant is counted once");
        given().auth().oauth2(RealServices.KEY_A).queryParam("q", name.substring(0, 15).toUpperCase()).get("/v1/studio/jobs").then()
                .statusCode(200).body("jobs.size()", equalTo(1)).body("jobs[0].id", equalTo(id)).body("jobs[0].title", equalTo(name));
        given().auth().oauth2(RealServices.KEY_A).queryParam("status", "SUCCEEDED").queryParam("q", name).get("/v1/studio/jobs")
                .then().statusCode(200).body("jobs.size()", equalTo(0));
        given().auth().oauth2(RealServices.KEY_A).queryParam("status", "DONE").get("/v1/studio/jobs").then().statusCode(400);

        String revision = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/jobs/" + id + "/revisions").then().statusCode(202).extract().path("id");
        Response page = given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/jobs/" + id).then().statusCode(200)
                .body("job.id", equalTo(id)).body("title", equalTo(name)).body("request.input", equalTo(input))
                .body("sources[0].kind", equalTo("original")).body("sources[0].urls.size()", equalTo(1))
                .body("report", nullValue()).body("revisions.size()", equalTo(1)).body("revisions[0].id", equalTo(revision))
                .extract().response();
        assertTrue(page.jsonPath().getString("sources[0].urls[0]").startsWith(RealServices.services.s3Endpoint()),
                "the original plays from a presigned URL of the store");
        given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/jobs/" + revision).then().statusCode(200)
                .body("job.revisionOf", equalTo(id));

        tenants.addKey("studio-other", "Another tenant", "studio-other-key");
        given().auth().oauth2("studio-other-key").get("/v1/studio/jobs/" + id).then().statusCode(404);
        given().auth().oauth2("studio-other-key").queryParam("q", name).get("/v1/studio/jobs").then().statusCode(200)
                .body("jobs.size()", equalTo(0)).body("counts.QUEUED", not(nullValue()));
    }

    @Test
    @DisplayName("a succeeded job's whole package is one ZIP of its outputs, report and plots, byte for byte from the store, to its tenant only; before then 409")
    void packageZip() throws Exception {
        String input = upload(RealServices.KEY_A, "zipped.wav", song(1));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id + "/outputs.zip").then().statusCode(409)
                .body("code", equalTo("NO_OUTPUTS_YET"));
        awaitStatus(RealServices.KEY_A, id, "DISPATCHED", Duration.ofSeconds(20));

        // what a worker's run writes and reports (no master worker runs here: the test is the worker)
        JobRun run = new JobRun(UUID.randomUUID().toString(), 1, 1, 0, 1);
        Map<String, byte[]> written = new LinkedHashMap<>();
        written.put("out.wav", song(1));
        written.put("mix.wav", song(2));
        written.put(DeliveryRules.REPORT_NAME, "{\"engineVersion\":\"test\"}".getBytes(StandardCharsets.UTF_8));
        written.put("plot-waveform.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        for (Map.Entry<String, byte[]> f : written.entrySet()) {
            storage.put(ObjectKeys.runOutput("local", id, run.id(), f.getKey()), new ByteArrayInputStream(f.getValue()), f.getValue().length);
        }
        List<JobEvent.OutputFile> outputs = List.of("out.wav", "mix.wav").stream().map(n -> new JobEvent.OutputFile(n,
                ObjectKeys.runOutput("local", id, run.id(), n), written.get(n).length, -14.0, -1.0)).toList();
        assertTrue(jobs.apply(event(id, run, 0, JobEvent.Type.STARTED, null, null)));
        assertTrue(jobs.apply(event(id, run, 1, JobEvent.Type.SUCCEEDED, outputs,
                ObjectKeys.runOutput("local", id, run.id(), DeliveryRules.REPORT_NAME))));

        Response zip = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id + "/outputs.zip").then().statusCode(200)
                .contentType("application/zip").header("Content-Disposition", containsString("mixdown-" + id + ".zip")).extract().response();
        Map<String, byte[]> entries = unzip(zip.asByteArray());
        assertEquals(List.of("out.wav", "mix.wav", "report.json", "plots/plot-waveform.png"), List.copyOf(entries.keySet()));
        for (Map.Entry<String, byte[]> f : written.entrySet()) {
            String entry = f.getKey().startsWith("plot-") ? "plots/" + f.getKey() : f.getKey();
            assertArrayEquals(f.getValue(), entries.get(entry), entry);
        }

        tenants.addKey("studio-zip-other", "Another tenant", "studio-zip-other-key");
        given().auth().oauth2("studio-zip-other-key").get("/v1/jobs/" + id + "/outputs.zip").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().get("/v1/jobs/" + id + "/outputs.zip").then().statusCode(401);
    }

    @Test
    @DisplayName("a job whose reported files lie outside its tenant's prefix is never zipped: not one byte of the other tenant's file goes out")
    void packageZipStaysInItsTenant() throws Exception {
        tenants.addKey("studio-victim", "Victim tenant", "studio-victim-key");
        byte[] secret = "the other tenant's master".getBytes(StandardCharsets.UTF_8);
        String victimKey = ObjectKeys.upload("studio-victim", UUID.randomUUID().toString(), "secret.wav");
        storage.put(victimKey, new ByteArrayInputStream(secret), secret.length);
        String input = upload(RealServices.KEY_A, "thief.wav", song(1));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        awaitStatus(RealServices.KEY_A, id, "DISPATCHED", Duration.ofSeconds(20));
        JobRun run = new JobRun(UUID.randomUUID().toString(), 1, 1, 0, 1);
        assertTrue(jobs.apply(event(id, run, 0, JobEvent.Type.STARTED, null, null)));
        assertTrue(jobs.apply(event(id, run, 1, JobEvent.Type.SUCCEEDED,
                List.of(new JobEvent.OutputFile("out.wav", victimKey, secret.length, -14.0, -1.0)), null)));
        Response r = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id + "/outputs.zip").then().statusCode(500)
                .body("code", equalTo("INTERNAL_ERROR")).extract().response();
        assertFalse(r.asString().contains("the other tenant"), r.asString());
    }

    private static JobEvent event(String jobId, JobRun run, long seq, JobEvent.Type type, List<JobEvent.OutputFile> outputs, String report) {
        return new JobEvent(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), jobId, "local", run.attempt(), seq, type, null, "x",
                outputs, report, null, "test", Instant.now().toString(), run);
    }

    /** The entries of a ZIP, in order, with their bytes. */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Map<String, String> directives(String csp) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        for (String part : csp.split(";")) {
            String p = part.trim();
            int space = p.indexOf(' ');
            d.put(space < 0 ? p : p.substring(0, space), space < 0 ? "" : p.substring(space + 1).trim());
        }
        return d;
    }
}
