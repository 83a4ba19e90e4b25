package dev.mixdown.gateway.api;

import dev.mixdown.gateway.errors.ApiException;
import java.util.UUID;

/**
 * Path and query parameters read by the resources themselves, so a malformed one is a 400
 * naming it (JAX-RS would answer 404 with no body when a conversion fails).
 */
public final class Params {
    private Params() {
    }

    /** A job or batch id; null stays null (an absent query parameter). */
    public static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.invalid("INVALID_PARAMETER", name + " must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e");
    }

    /** A whole number, or {@code fallback} when absent. */
    public static int integer(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("INVALID_PARAMETER", name + " must be a whole number");
        }
    }
}
