package io.easyquant.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * Reads response bodies as JSON trees; decimals keep their scale ({@code 0.0200} reads back as written).
 */
final class Json
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();

    private Json()
    {
    }

    static JsonNode parse(final String body)
    {
        try
        {
            return MAPPER.readTree(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new AssertionError("not JSON: " + body, ex);
        }
    }
}
