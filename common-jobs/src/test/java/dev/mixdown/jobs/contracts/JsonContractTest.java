package dev.mixdown.jobs.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON contracts")
class JsonContractTest {

    @Test
    @DisplayName("a job survives the trip through JSON, and nulls are left out")
    void roundTrip() {
        JobMessage job = new JobMessage(JobMessage.SCHEMA_VERSION, "j1", "acme", JobKind.MIX, Lane.BULK, 1, null,
                List.of(StemInput.of("tenants/acme/uploads/u/Bass.wav")),
                List.of(new DeliverableSpec("spotify.wav", "wav", 44_100, "24", TargetSpec.named("spotify"))), "warm", 60.0,
                List.of(), "2026-11-21T00:00:00Z");
        byte[] json = Json.write(job);
        assertEquals(job, Json.read(json, JobMessage.class));
        assertFalse(new String(json, StandardCharsets.UTF_8).contains("null"));
        assertEquals(2, job.nextAttempt(java.time.Instant.now()).attempt());
    }

    @Test
    @DisplayName("a newer producer's unknown fields do not break an older reader")
    void tolerant() {
        String json = "{\"schemaVersion\":2,\"jobId\":\"j\",\"tenantId\":\"t\",\"kind\":\"MASTER\",\"lane\":\"INTERACTIVE\","
                + "\"attempt\":1,\"input\":\"k\",\"somethingNew\":{\"a\":1}}";
        JobMessage m = Json.read(json.getBytes(StandardCharsets.UTF_8), JobMessage.class);
        assertEquals("k", m.input());
        assertEquals(List.of(), m.deliverables());
    }

    @Test
    @DisplayName("garbage is refused with the contract's name")
    void garbage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.read("not json".getBytes(StandardCharsets.UTF_8), JobEvent.class));
        assertEquals(true, e.getMessage().startsWith("not a valid JobEvent"));
    }
}
