package io.easyquant.ops.backtest;

import java.util.Locale;

/**
 * A small pretty-printing JSON writer: two-space indent, one member per line, {@code "name": value}, a newline at the
 * end. Values are written as given: callers pass numbers already formatted. Not thread-safe.
 */
final class JsonWriter
{
    private static final String INDENT = "  ";

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
        if (!first)
        {
            out.append(',');
        }
        out.append('\n');
        indent();
        quote(name);
        out.append(": ");
        first = false;
        afterName = true;
        return this;
    }

    /**
     * A string value, or {@code null} when the value is null.
     */
    JsonWriter string(final String value)
    {
        beforeValue();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            quote(value);
        }
        return this;
    }

    /**
     * A number already formatted as a JSON number, or {@code null} when the value is null.
     */
    JsonWriter number(final String formatted)
    {
        beforeValue();
        out.append(formatted == null ? "null" : formatted);
        return this;
    }

    JsonWriter number(final long value)
    {
        return number(Long.toString(value));
    }

    JsonWriter bool(final boolean value)
    {
        return number(Boolean.toString(value));
    }

    JsonWriter member(final String name, final String value)
    {
        return name(name).string(value);
    }

    JsonWriter memberNumber(final String name, final String formatted)
    {
        return name(name).number(formatted);
    }

    JsonWriter memberNumber(final String name, final long value)
    {
        return name(name).number(value);
    }

    /**
     * @return the document, with a final newline.
     * @throws IllegalStateException if an object or array is still open.
     */
    String toJson()
    {
        if (depth != 0)
        {
            throw new IllegalStateException("unclosed object or array");
        }
        return out + "\n";
    }

    private JsonWriter end(final char bracket)
    {
        depth--;
        if (!first)
        {
            out.append('\n');
            indent();
        }
        out.append(bracket);
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
        if (depth > 0)
        {
            if (!first)
            {
                out.append(',');
            }
            out.append('\n');
            indent();
        }
        first = false;
    }

    private void indent()
    {
        for (int i = 0; i < depth; i++)
        {
            out.append(INDENT);
        }
    }

    private void quote(final String value)
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
                    // U+2028 and U+2029 are valid JSON but end lines in JavaScript
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
