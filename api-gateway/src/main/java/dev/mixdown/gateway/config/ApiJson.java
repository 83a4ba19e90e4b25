package dev.mixdown.gateway.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * How the API reads JSON: strictly. An unknown field, a null in a list, a fraction or an
 * overflow where an integer belongs, a non-finite number, or nesting deeper than any request
 * needs is a 400 naming the field (see {@code ErrorMappers}). Only the API's mapper is strict:
 * the contracts between gateway and workers ({@code dev.mixdown.jobs.contracts.Json}) stay
 * tolerant of unknown fields, so a newer producer does not break an older consumer.
 */
@Singleton
public class ApiJson implements ObjectMapperCustomizer {
    /** Deeper than any request of the API (a batch's job's deliverable's target is 4 levels). */
    public static final int MAX_NESTING_DEPTH = 32;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(64)
                .build());
        mapper.registerModule(new SimpleModule("finite-numbers")
                .addDeserializer(Double.class, new FiniteDouble(Double.class))
                .addDeserializer(double.class, new FiniteDouble(double.class)));
    }

    /** A JSON number that is finite: no NaN or Infinity, whether spelled as a string or overflowing (1e400). */
    static final class FiniteDouble extends StdScalarDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT && p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw InvalidFormatException.from(p, "not a finite number", p.getText(), Double.class);
            }
            return value;
        }
    }
}
