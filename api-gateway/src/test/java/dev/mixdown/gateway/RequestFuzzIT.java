package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "show it": seeded random requests to the two creating endpoints. Every answer is a
 * 2xx, or a 4xx JSON error with a code; no refused request creates a job; the gateway stays ready.
 * A failure names its seed and case, so it reproduces.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Fuzzed job and batch requests on the real services")
class RequestFuzzIT {
    private static final long SEED = 20_260_110L;
    private static final int CASES = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("300 seeded random bodies to POST /v1/jobs and /v1/batches: 2xx or 4xx JSON with a code, no job from a refusal, ready after")
    void fuzz() throws Exception {
        Generator gen = new Generator(new Random(SEED), ApiCalls.upload(RealServices.KEY_A, "fuzz.wav"));
        long expected = ApiCalls.jobCount(db);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            boolean batch = i % 3 == 2;
            String body = gen.body(batch);
            Response r = given().auth().oauth2(RealServices.KEY_A).contentType("application/json").body(body)
                    .post(batch ? "/v1/batches" : "/v1/jobs");
            String where = "seed " + SEED + " case " + i + " body " + abbreviate(body) + " answered " + r.statusCode() + " "
                    + abbreviate(r.asString());
            int status = r.statusCode();
            assertTrue(status >= 200 && status < 500, where);
            if (status < 300) {
                accepted++;
                expected += batch ? r.jsonPath().getList("jobs").size() : 1;
            } else {
                assertTrue(r.contentType().startsWith("application/json"), where);
                String code = r.path("code");
                assertTrue(code != null && code.matches("[A-Z_]+"), where);
            }
            assertEquals(expected, ApiCalls.jobCount(db), where);
        }
        assertTrue(accepted > 0 && accepted < CASES, "the generator reaches both answers: " + accepted + " accepted");
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    /** Requests near a valid one (so the validator is reached), mutated by random JSON of random shape, size, type and depth. */
    static final class Generator {
        private static final String[] FIELDS = {"kind", "lane", "input", "stems", "deliverables", "profile", "amount", "references"};
        private final Random random;
        private final String input;

        Generator(Random random, String input) {
            this.random = random;
            this.input = input;
        }

        String body(boolean batch) throws Exception {
            if (random.nextInt(10) == 0) {
                return garbage();
            }
            Object request;
            if (batch) {
                List<Object> jobs = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    jobs.add(job());
                }
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("jobs", random.nextInt(8) == 0 ? value(3) : jobs);
                if (random.nextInt(10) == 0) {
                    b.put(word(), value(2));
                }
                request = b;
            } else {
                request = random.nextInt(15) == 0 ? value(4) : job();
            }
            return JSON.writeValueAsString(request);
        }

        private Map<String, Object> job() {
            Map<String, Object> job = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                job.put("kind", "master");
                job.put("input", input);
                job.put("deliverables", List.of(deliverable()));
            } else {
                job.put("kind", "mix");
                List<Object> stems = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    stems.add(Map.of("key", input));
                }
                job.put("stems", stems);
            }
            for (int m = random.nextInt(4); m > 0; m--) {
                String field = random.nextInt(6) == 0 ? word() : FIELDS[random.nextInt(FIELDS.length)];
                switch (random.nextInt(3)) {
                    case 0 -> job.remove(field);
                    case 1 -> job.put(field, value(3));
                    default -> job.put(field, null);
                }
            }
            return job;
        }

        private Map<String, Object> deliverable() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", "out.wav");
            d.put("format", "wav");
            d.put("bits", "24");
            d.put("target", Map.of("name", random.nextBoolean() ? "spotify" : "apple-music"));
            if (random.nextInt(4) == 0) {
                d.put(random.nextBoolean() ? "sampleRate" : word(), value(1));
            }
            return d;
        }

        /** Any JSON value: scalars of every type and edge, lists and objects of random size, nested up to {@code depth}. */
        private Object value(int depth) {
            int pick = random.nextInt(depth > 0 ? 12 : 9);
            return switch (pick) {
                case 0 -> null;
                case 1 -> random.nextBoolean();
                case 2 -> random.nextInt();
                case 3 -> random.nextLong() * 1_000;
                case 4 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 5 -> word();
                case 6 -> "x".repeat(random.nextInt(5000));
                case 7 -> input;
                case 8 -> new java.math.BigInteger(200, random).toString();
                case 9, 10 -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(random.nextInt(8) == 0 ? 500 : 5); i > 0; i--) {
                        list.add(value(depth - 1));
                    }
                    yield list;
                }
                default -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        map.put(random.nextBoolean() ? FIELDS[random.nextInt(FIELDS.length)] : word(), value(depth - 1));
                    }
                    yield map;
                }
            };
        }

        private String word() {
            String alphabet = "abcdefghijklmnopqrstuvwxyz../\\:#{}\"' \u00e9\u2603";
            StringBuilder s = new StringBuilder();
            for (int i = 1 + random.nextInt(12); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return s.toString();
        }

        /** Not JSON, or JSON cut short, or nested beyond any limit. */
        private String garbage() {
            return switch (random.nextInt(5)) {
                case 0 -> "{\"kind\":\"master\",";
                case 1 -> "[".repeat(1 + random.nextInt(3000));
                case 2 -> word();
                case 3 -> "{\"amount\":" + (random.nextBoolean() ? "NaN" : "-Infinity") + "}";
                default -> "";
            };
        }
    }
}
