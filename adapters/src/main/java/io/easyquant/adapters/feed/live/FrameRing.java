package io.easyquant.adapters.feed.live;

import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * The hand-off from the WebSocket I/O thread to the feed's agent thread: each text frame's bytes are copied into an
 * Agrona ring buffer (off-heap, aligned) with the id of the connection it came from; connection opened and closed
 * events travel the same way, in order with the frames. The reader copies a frame out once more into its parser's
 * array (a few hundred bytes: tens of nanoseconds).
 *
 * <p>Message layout: {@code [connectionId i32][payload]}. A frame that does not fit is refused and counted by the
 * caller: the feed then resyncs, since a lost frame is a gap.
 */
public final class FrameRing
{
    /** A text frame; payload: the frame's bytes. */
    public static final int FRAME = 1;
    /** The connection completed its WebSocket handshake; no payload. */
    public static final int OPENED = 2;
    /** The connection closed or failed; no payload. */
    public static final int CLOSED = 3;

    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = Integer.BYTES;

    private final ManyToOneRingBuffer ring;
    private final UnsafeBuffer buffer;
    /** The I/O thread's view of the ring's memory, to copy a Netty buffer in without allocating. */
    private final ByteBuffer view;

    /**
     * @param capacity bytes, a power of two.
     */
    public FrameRing(final int capacity)
    {
        buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH));
        ring = new ManyToOneRingBuffer(buffer);
        view = buffer.byteBuffer().duplicate();
    }

    /**
     * Copy a frame's readable bytes in. Called on the one I/O thread (it uses a shared view); allocates nothing.
     *
     * @return false if the ring had no room.
     */
    public boolean offerFrame(final int connectionId, final ByteBuf content)
    {
        final int length = content.readableBytes();
        if (length + HEADER_LENGTH > ring.maxMsgLength())
        {
            return false;
        }
        final int index = ring.tryClaim(FRAME, length + HEADER_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        buffer.putInt(index, connectionId);
        view.clear().limit(index + HEADER_LENGTH + length).position(index + HEADER_LENGTH);
        content.getBytes(content.readerIndex(), view);
        ring.commit(index);
        return true;
    }

    /**
     * Copy a frame's bytes in (tests and tools that hold the bytes already).
     *
     * @return false if the ring had no room.
     */
    public boolean offerFrame(final int connectionId, final byte[] bytes, final int offset, final int length)
    {
        if (length + HEADER_LENGTH > ring.maxMsgLength())
        {
            return false;
        }
        final int index = ring.tryClaim(FRAME, length + HEADER_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        buffer.putInt(index, connectionId);
        buffer.putBytes(index + HEADER_LENGTH, bytes, offset, length);
        ring.commit(index);
        return true;
    }

    /**
     * @param type {@link #OPENED} or {@link #CLOSED}.
     * @return false if the ring had no room.
     */
    public boolean offerEvent(final int type, final int connectionId)
    {
        final int index = ring.tryClaim(type, HEADER_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        buffer.putInt(index, connectionId);
        ring.commit(index);
        return true;
    }

    /**
     * Hand up to {@code limit} messages to the handler.
     *
     * @return the number of messages read.
     */
    public int read(final MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }
}
