package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the gateway's ITs share: a generated song, an upload, a master request, waiting for a status. */
final class ApiFixtures {
    private ApiFixtures() {
    }

    static byte[] song(double seconds) throws IOException {
        Path f = Files.createTempFile("song-", ".wav");
        int rate = 44_100;
        int frames = (int) (rate * seconds);
        float[][] x = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            x[0][i] = x[1][i] = (float) (0.25 * Math.sin(2 * Math.PI * 110 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * t)));
        }
        try (AudioSink s = AudioFiles.create(f, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_16))) {
            s.write(x, 0, frames);
        }
        byte[] bytes = Files.readAllBytes(f);
        Files.delete(f);
        return bytes;
    }

    static String upload(String key, String name, byte[] bytes) {
        return given().auth().oauth2(key).contentType("application/octet-stream").body(bytes)
                .put("/v1/uploads/" + UUID.randomUUID() + "/" + name)
                .then().statusCode(200).extract().path("key");
    }

    static Map<String, Object> masterRequest(String input, String target) {
        return Map.of("kind", "master", "input", input,
                "deliverables", List.of(Map.of("name", "out.wav", "format", "wav", "bits", "24", "target", Map.of("name", target))));
    }

    static Response awaitStatus(String id, String status, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        Response r = null;
        while (System.currentTimeMillis() < end) {
            r = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id);
            if (status.equals(r.path("status"))) {
                return r;
            }
            if ("FAILED".equals(r.path("status"))) {
                throw new AssertionError("job failed: " + r.asString());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " not " + status + " within " + timeout + ": " + (r == null ? "" : r.asString()));
    }
}
