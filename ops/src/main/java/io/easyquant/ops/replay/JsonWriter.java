package io.easyquant.ops.replay;

import java.math.BigDecimal;

/**
 * Writes one JSON document by hand, in the order the caller writes it, indented by two spaces: the same result always
 * gives the same bytes. Decimals are written as JSON numbers in plain notation with their scale ({@code 0.0100}),
 * never as binary floating point. The caller keeps the structure well formed.
 */
final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(4096);
    private int depth;
    private boolean first = true;
    private boolean afterName;

    JsonWriter beginObject()
    {
        beforeValue();
        out.append('{');
        depth++;
        first = true;
        return this;
    }

    JsonWriter endObject()
    {
        return end('}');
    }

    JsonWriter beginArray()
    {
        beforeValue();
        out.append('[');
        depth++;
        first = true;
        return this;
    }

    JsonWriter endArray()
    {
        return end(']');
    }

    JsonWriter name(final String name)
    {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(final String value)
    {
        beforeValue();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    JsonWriter value(final long value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(final BigDecimal value)
    {
        beforeValue();
        out.append(value == null ? "null" : value.toPlainString());
        return this;
    }

    JsonWriter field(final String name, final String value)
    {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final long value)
    {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final BigDecimal value)
    {
        return name(name).value(value);
    }

    /**
     * @return the document, ending with a newline.
     */
    String text()
    {
        return out + "\n";
    }

    private JsonWriter end(final char close)
    {
        depth--;
        if (!first)
        {
            newLine();
        }
        out.append(close);
        first = false;
        return this;
    }

    private void beforeValue()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }
        separate();
    }

    private void separate()
    {
        if (!first)
        {
            out.append(',');
        }
        if (depth > 0)
        {
            newLine();
        }
        first = false;
    }

    private void newLine()
    {
        out.append('\n');
        for (int i = 0; i < depth; i++)
        {
            out.append("  ");
        }
    }

    private void string(final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
