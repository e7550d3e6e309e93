package io.easyquant.ops.json;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Writes one JSON document by hand, in the order the caller writes it: two-space indent, one member or element per
 * line, {@code "name": value}, a newline at the end. The same calls always give the same bytes (the backtest summary
 * and the replay diff rely on it). Decimals are written as JSON numbers in plain notation with their scale
 * ({@code 0.0100}), never as binary floating point; {@link #number(String)} takes a number the caller has already
 * formatted. Strings are escaped, U+2028 and U+2029 too (valid JSON, but line ends in JavaScript).
 *
 * <p>The caller keeps the structure well formed; {@link #text()} refuses a document with an open object or array.
 * Not thread-safe.
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(4096);
    private int depth;
    private boolean first = true;
    private boolean afterName;

    public JsonWriter beginObject()
    {
        beforeValue();
        out.append('{');
        depth++;
        first = true;
        return this;
    }

    public JsonWriter endObject()
    {
        return end('}');
    }

    public JsonWriter beginArray()
    {
        beforeValue();
        out.append('[');
        depth++;
        first = true;
        return this;
    }

    public JsonWriter endArray()
    {
        return end(']');
    }

    public JsonWriter name(final String name)
    {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    /**
     * A string, or {@code null} when the value is null.
     */
    public JsonWriter value(final String value)
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

    public JsonWriter value(final long value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(final boolean value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * A decimal in plain notation with its scale, or {@code null} when the value is null.
     */
    public JsonWriter value(final BigDecimal value)
    {
        return number(value == null ? null : value.toPlainString());
    }

    /**
     * A number already formatted as a JSON number, or {@code null} when the value is null.
     */
    public JsonWriter number(final String formatted)
    {
        beforeValue();
        out.append(formatted == null ? "null" : formatted);
        return this;
    }

    public JsonWriter field(final String name, final String value)
    {
        return name(name).value(value);
    }

    public JsonWriter field(final String name, final long value)
    {
        return name(name).value(value);
    }

    public JsonWriter field(final String name, final boolean value)
    {
        return name(name).value(value);
    }

    public JsonWriter field(final String name, final BigDecimal value)
    {
        return name(name).value(value);
    }

    /**
     * A member whose value is a number already formatted as a JSON number, or {@code null}.
     */
    public JsonWriter numberField(final String name, final String formatted)
    {
        return name(name).number(formatted);
    }

    /**
     * @return the document, ending with a newline.
     * @throws IllegalStateException if an object or array is still open.
     */
    public String text()
    {
        if (depth != 0)
        {
            throw new IllegalStateException("unclosed object or array");
        }
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
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default ->
                {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
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
