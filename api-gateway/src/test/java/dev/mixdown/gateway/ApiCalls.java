package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the gateway ITs of issue 10 share: uploads, a valid job, counting jobs, raw HTTP for bodies no client library sends. */
final class ApiCalls {
    private ApiCalls() {
    }

    /** Uploads a few bytes (the gateway checks that an input exists, not what it holds) and answers its key. */
    static String upload(String apiKey, String name) {
        return given().auth().oauth2(apiKey).contentType("application/octet-stream").body(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0})
                .put("/v1/uploads/" + UUID.randomUUID() + "/" + name)
                .then().statusCode(200).extract().path("key");
    }

    static Map<String, Object> masterRequest(String input) {
        return Map.of("kind", "master", "input", input,
                "deliverables", List.of(Map.of("name", "out.wav", "format", "wav", "bits", "24", "target", Map.of("name", "spotify"))));
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
