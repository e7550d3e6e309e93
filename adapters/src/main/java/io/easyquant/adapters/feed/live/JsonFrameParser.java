package io.easyquant.adapters.feed.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;

/**
 * One reused Jackson non-blocking parser fed one WebSocket frame at a time, in place from the frame's bytes. Field
 * names come back canonicalised (the same {@code String} instance every time), values are read as numbers or as the
 * parser's own character buffer: reading a frame allocates nothing in steady state.
 *
 * <p>A frame must hold exactly one JSON object. {@link #begin} feeds it; {@link #next()} returns tokens until
 * {@link JsonToken#NOT_AVAILABLE} (the frame is used up). A frame cut short, or any syntax error, leaves the parser
 * in an unknown state: {@link #reset()} replaces it (the one allocation, on bad input only).
 *
 * <p>Not thread-safe: one per feed thread.
 */
public final class JsonFrameParser
{
    private final JsonFactory factory = new JsonFactory();
    private JsonParser parser;
    private ByteArrayFeeder feeder;

    public JsonFrameParser()
    {
        reset();
    }

    /**
     * Replace the parser after bad input.
     */
    public void reset()
    {
        try
        {
            if (parser != null)
            {
                parser.close();
            }
            parser = factory.createNonBlockingByteArrayParser();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("json: cannot create a non-blocking parser", ex);
        }
        feeder = (ByteArrayFeeder)parser.getNonBlockingInputFeeder();
    }

    /**
     * Feed one frame. The bytes must stay unchanged until {@link #next()} returns {@link JsonToken#NOT_AVAILABLE}.
     */
    public void begin(final byte[] bytes, final int offset, final int length) throws IOException
    {
        if (!feeder.needMoreInput())
        {
            reset();
        }
        feeder.feedInput(bytes, offset, offset + length);
    }

    /**
     * @return the next token, {@link JsonToken#NOT_AVAILABLE} once the frame is used up.
     */
    public JsonToken next() throws IOException
    {
        return parser.nextToken();
    }

    /**
     * @return the current field name (canonicalised: compare with {@code ==} or equals).
     */
    public String name() throws IOException
    {
        return parser.currentName();
    }

    public long longValue() throws IOException
    {
        return parser.getLongValue();
    }

    public char[] chars() throws IOException
    {
        return parser.getTextCharacters();
    }

    public int offset() throws IOException
    {
        return parser.getTextOffset();
    }

    public int length() throws IOException
    {
        return parser.getTextLength();
    }

    /**
     * @return whether the current string or number token's text equals {@code expected}.
     */
    public boolean textEquals(final String expected) throws IOException
    {
        final int length = parser.getTextLength();
        if (length != expected.length())
        {
            return false;
        }
        final char[] chars = parser.getTextCharacters();
        final int offset = parser.getTextOffset();
        for (int i = 0; i < length; i++)
        {
            if (chars[offset + i] != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the current text token as a long in increments of {@code increment}: {@link Increment#NOT_WHOLE} or
     * {@link Increment#MALFORMED} when it is not one.
     */
    public long units(final Increment increment) throws IOException
    {
        return increment.units(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /**
     * Skip the value just started (the current token is its first): a scalar is already skipped, an object or array
     * is consumed to its end.
     */
    public void skipValue() throws IOException
    {
        final JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY)
        {
            return;
        }
        int depth = 1;
        while (depth > 0)
        {
            final JsonToken next = parser.nextToken();
            if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY)
            {
                depth++;
            }
            else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY)
            {
                depth--;
            }
            else if (next == JsonToken.NOT_AVAILABLE || next == null)
            {
                throw new IOException("json: frame ends inside a value");
            }
        }
    }

    /**
     * Consume the rest of the frame after its root object closed: only whitespace may remain.
     *
     * @return false if something else followed.
     */
    public boolean finish() throws IOException
    {
        final JsonToken token = parser.nextToken();
        return token == JsonToken.NOT_AVAILABLE;
    }
}
