package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** What the package ITs share: generated stems, a package request, its parts as the database holds them. */
final class PackageCalls {
    private PackageCalls() {
    }

    /** A one-second voice tag (a 700 Hz tone under a sine envelope), uploaded. */
    static String uploadTag() throws IOException {
        int rate = 44_100;
        float[][] t = new float[1][rate];
        for (int i = 0; i < rate; i++) {
            t[0][i] = (float) (0.3 * Math.sin(Math.PI * i / rate) * Math.sin(2 * Math.PI * 700 * i / rate));
        }
        Path f = Files.createTempFile("tag-", ".wav");
        try (AudioSink sink = AudioFiles.create(f, new OutputFormat(OutputFormat.Container.WAV, rate, 1, OutputFormat.BitDepth.PCM_24))) {
            sink.write(t, 0, rate);
        }
        String key = ApiCalls.upload(RealServices.KEY_A, "tag.wav", Files.readAllBytes(f));
        Files.delete(f);
        return key;
    }

    static Map<String, Object> packageRequest(List<Map<String, Object>> stems, Map<String, Object> spec) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("kind", "package");
        req.put("stems", stems);
        req.put("spec", spec);
        req.put("metadata", Map.of("title", "Package IT", "artists", List.of("The Testers"), "isrc", "GB-ABC-26-00001"));
        return req;
    }

    /** The demo song's drums, bass, chords and lead (as "vocal") for {@code seconds}, uploaded. */
    static List<Map<String, Object>> stems(double seconds) throws IOException {
        DemoSong song = new DemoSong(44_100, seconds);
        List<String> names = List.of("drums", "bass", "chords", "vocal");
        List<Map<String, Object>> stems = new ArrayList<>();
        String upload = UUID.randomUUID().toString();
        for (int s = 0; s < names.size(); s++) {
            int frames = (int) song.frames();
            float[][] audio = new float[2][frames];
            song.renderStem(s, 0, audio, frames);
            Path f = Files.createTempFile("stem-", ".wav");
            try (AudioSink sink = AudioFiles.create(f, new OutputFormat(OutputFormat.Container.WAV, 44_100, 2, OutputFormat.BitDepth.PCM_24))) {
                sink.write(audio, 0, frames);
            }
            String key = given().auth().oauth2(RealServices.KEY_A).contentType("application/octet-stream").body(Files.readAllBytes(f))
                    .put("/v1/uploads/" + upload + "/" + names.get(s) + ".wav").then().statusCode(200).extract().path("key");
            Files.delete(f);
            stems.add(Map.of("key", key));
        }
        return stems;
    }

    static String submit(Map<String, Object> body, String idempotencyKey) {
        var spec = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.post("/v1/jobs").then().statusCode(202).body("kind", equalTo("package")).extract().path("id");
    }

    /** Each part's name and status. */
    static Map<String, String> parts(AgroalDataSource db, String packageId) throws Exception {
        Map<String, String> parts = new TreeMap<>();
        query(db, "select part, status from job where parent_id = ?::uuid", packageId, r -> parts.put(r.getString(1), r.getString(2)));
        return parts;
    }

    static List<String> partIds(AgroalDataSource db, String packageId) throws Exception {
        List<String> ids = new ArrayList<>();
        query(db, "select id::text from job where parent_id = ?::uuid", packageId, r -> ids.add(r.getString(1)));
        return ids;
    }

    /** Each part's id and name. */
    static Map<String, String> partNames(AgroalDataSource db, String packageId) throws Exception {
        Map<String, String> parts = new TreeMap<>();
        query(db, "select id::text, part from job where parent_id = ?::uuid", packageId, r -> parts.put(r.getString(1), r.getString(2)));
        return parts;
    }

    static long outboxRows(AgroalDataSource db, String packageId) throws Exception {
        long[] n = new long[1];
        query(db, "select count(*) from outbox where job_id in (select id from job where parent_id = ?::uuid)", packageId,
                r -> n[0] = r.getLong(1));
        return n[0];
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet r) throws Exception;
    }

    private static void query(AgroalDataSource db, String sql, String param, Row row) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    row.read(r);
                }
            }
        }
    }

    /** Polls the package until it ends, collecting each stage it shows on the way. */
    static io.restassured.response.Response awaitEnd(String id, java.time.Duration timeout, List<String> stages)
            throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            io.restassured.response.Response r = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id);
            String stage = r.path("stage");
            if (stage != null && (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage))) {
                stages.add(stage);
            }
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(r.<String>path("status")) || System.currentTimeMillis() > end) {
                return r;
            }
            Thread.sleep(100);
        }
    }
}
