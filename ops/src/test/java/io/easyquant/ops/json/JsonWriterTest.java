package io.easyquant.ops.json;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest
{
    @Test
    void shouldWriteNestedPrettyJson()
    {
        final String json = new JsonWriter().beginObject()
            .field("a", "x\"y\\z\u2028\b")
            .name("empty").beginObject().endObject()
            .name("list").beginArray().value(1).value((String)null).beginArray().endArray().endArray()
            .numberField("n", null)
            .numberField("ratio", "0.25")
            .field("price", new BigDecimal("0.0100"))
            .field("none", (BigDecimal)null)
            .field("count", -3L)
            .endObject().text();

        assertEquals("""
            {
              "a": "x\\"y\\\\z\\u2028\\b",
              "empty": {},
              "list": [
                1,
                null,
                []
              ],
              "n": null,
              "ratio": 0.25,
              "price": 0.0100,
              "none": null,
              "count": -3
            }
            """, json);
    }

    @Test
    void shouldRefuseADocumentLeftOpen()
    {
        final JsonWriter json = new JsonWriter().beginObject().name("list").beginArray();

        assertThrows(IllegalStateException.class, json::text);
    }
}
