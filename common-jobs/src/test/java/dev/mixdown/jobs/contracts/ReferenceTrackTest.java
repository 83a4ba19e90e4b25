package dev.mixdown.jobs.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A reference track on the wire")
class ReferenceTrackTest {

    @ParameterizedTest(name = "\"{0}\" is key {1}, weight {2}")
    @DisplayName("the string form key[:weight] is read by one parser; a colon not followed by a number belongs to the key")
    @CsvSource(delimiter = '|', value = {
        "tenants/a/uploads/u/ref.wav|tenants/a/uploads/u/ref.wav|1.0",
        "tenants/a/uploads/u/ref.wav:2|tenants/a/uploads/u/ref.wav|2.0",
        "tenants/a/uploads/u/ref.wav:0.25|tenants/a/uploads/u/ref.wav|0.25",
        "ref.wav:-3|ref.wav|-3.0",
        "ref.wav:1e1|ref.wav|10.0",
        "C:\\music\\ref.wav|C:\\music\\ref.wav|1.0",
        "ref.wav:NaN|ref.wav:NaN|1.0",
        "ref.wav:|ref.wav:|1.0"})
    void parse(String spec, String key, double weight) {
        assertEquals(new ReferenceTrack(key, weight), ReferenceTrack.parse(spec));
    }

    @Test
    @DisplayName("JSON takes {key, weight} objects (weight 1 when left out) and, for older clients and stored jobs, strings")
    void json() {
        String json = "[{\"key\":\"k/a.wav\",\"weight\":2.5},{\"key\":\"k/b.wav\"},\"k/c.wav:3\",\"k/d.wav\",null]";
        ReferenceTrack[] read = Json.read(json.getBytes(StandardCharsets.UTF_8), ReferenceTrack[].class);
        assertEquals(List.of(new ReferenceTrack("k/a.wav", 2.5), new ReferenceTrack("k/b.wav", 1), new ReferenceTrack("k/c.wav", 3),
                new ReferenceTrack("k/d.wav", 1)), java.util.Arrays.asList(read).subList(0, 4));
        assertNull(read[4], "a null element stays null, for the rules to refuse with a code");
    }

    @Test
    @DisplayName("a reference is written as an object, and reads back equal")
    void roundTrip() {
        ReferenceTrack r = new ReferenceTrack("k/a.wav", 0.5);
        String json = new String(Json.write(r), StandardCharsets.UTF_8);
        assertEquals("{\"key\":\"k/a.wav\",\"weight\":0.5}", json);
        assertEquals(r, Json.read(json.getBytes(StandardCharsets.UTF_8), ReferenceTrack.class));
    }
}
