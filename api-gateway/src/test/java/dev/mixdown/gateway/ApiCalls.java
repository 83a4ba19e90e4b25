package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import io.agroal.api.AgroalDataSource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the gateway ITs share: a generated song, uploads, a valid job, waiting for a status, counting jobs, raw HTTP for bodies no client library sends. */
final class ApiCalls {
    private ApiCalls() {
    }

    /** A 16-bit stereo WAV of {@code seconds}: a 110 Hz tone with a slow tremolo. */
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

    /** Uploads {@code bytes} and answers the object's key. */
    static String upload(String apiKey, String name, byte[] bytes) {
        return given().auth().oauth2(apiKey).contentType("application/octet-stream").body(bytes)
                .put("/v1/uploads/" + UUID.randomUUID() + "/" + name)
                .then().statusCode(200).extract().path("key");
    }

    /** Uploads a few bytes (the gateway checks that an input exists, not what it holds) and answers its key. */
    static String upload(String apiKey, String name) {
        return upload(apiKey, name, new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0});
    }

    static Map<String, Object> masterRequest(String input, String target) {
        return Map.of("kind", "master", "input", input,
                "deliverables", List.of(Map.of("name", "out.wav", "format", "wav", "bits", "24", "target", Map.of("name", target))));
    }

    static Map<String, Object> masterRequest(String input) {
        return masterRequest(input, "spotify");
    }

    static long jobCount(AgroalDataSource db) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet r = c.createStatement().executeQuery("select count(*) from job")) {
            r.next();
            return r.getLong(1);
        }
    }

    static Response awaitStatus(String apiKey, String id, String status, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        Response r = null;
        while (System.currentTimeMillis() < end) {
            r = given().auth().oauth2(apiKey).get("/v1/jobs/" + id);
            if (status.equals(r.path("status"))) {
                return r;
            }
            if ("FAILED".equals(r.path("status"))) {
                throw new AssertionError("job " + id + " failed while waiting for " + status + ": " + r.asString());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " not " + status + " within " + timeout + ": " + (r == null ? "" : r.asString()));
    }

    /** An HTTP answer read off a raw socket: status and body. */
    record Raw(int status, String body) {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line), then up to
     * {@code bodyBytes} of {@code filler} as the body (chunked when {@code chunked}) from another
     * thread, and reads the answer; a server that answers early and closes stops the writer.
     */
    static Raw raw(String head, boolean chunked, long bodyBytes, byte[] filler) throws Exception {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\n" + (chunked ? "Transfer-Encoding: chunked\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    long sent = 0;
                    while (sent < bodyBytes) {
                        int n = (int) Math.min(filler.length, bodyBytes - sent);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(filler, 0, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        sent += n;
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed: nothing more to send
                }
            }, "raw-body-writer");
            writer.setDaemon(true);
            writer.start();
            Raw answer = read(s.getInputStream());
            writer.join(5_000);
            return answer;
        }
    }

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        if (headers.isEmpty()) {
            throw new IOException("no answer");
        }
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Raw(status, new String(body, StandardCharsets.UTF_8));
    }
}
