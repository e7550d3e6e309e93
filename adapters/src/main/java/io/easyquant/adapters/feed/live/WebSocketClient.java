package io.easyquant.adapters.feed.live;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket client connections for a live feed, on one Netty I/O thread. Text frames (continuations aggregated) are
 * copied as raw bytes into the feed's {@link FrameRing}, tagged with the connection's id, never decoded to text here;
 * the handshake's completion and the channel's closing are posted there too, in order with the frames. Netty answers
 * the server's pings with pongs carrying the same payload, and answers a close frame.
 *
 * <p>{@code ws://} and {@code wss://} (TLS with the JDK's trust store) URIs. Connecting, sending and closing may be
 * called from any thread; they are cold-path calls.
 */
public final class WebSocketClient implements AutoCloseable
{
    /** Largest frame accepted, in bytes (a Binance 1000-level depth event is about 60 KB). */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

    private final EventLoopGroup group;
    private final FrameRing frames;
    private final int connectTimeoutMs;
    private final AtomicInteger nextConnectionId = new AtomicInteger();
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong refusedFrames = new AtomicLong();
    private final Queue<Integer> lateCloses = new ConcurrentLinkedQueue<>();
    private SslContext ssl;

    /**
     * @param threadName name of the I/O thread.
     */
    public WebSocketClient(final FrameRing frames, final String threadName, final int connectTimeoutMs)
    {
        this.frames = frames;
        this.connectTimeoutMs = connectTimeoutMs;
        group = new MultiThreadIoEventLoopGroup(1, runnable ->
        {
            final Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
    }

    /**
     * Open a connection. Returns at once; {@link FrameRing#OPENED} follows once the handshake completes, or
     * {@link FrameRing#CLOSED} if the connection fails at any point.
     *
     * @return the connection's id (positive, never reused).
     */
    public int connect(final URI uri)
    {
        final int connectionId = nextConnectionId.incrementAndGet();
        final boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        final int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        final String host = uri.getHost();
        final SslContext sslContext;
        try
        {
            sslContext = secure ? sslContext() : null;
        }
        catch (final SSLException ex)
        {
            postClosed(connectionId);
            return connectionId;
        }
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(MAX_FRAME_BYTES)
            .handshakeTimeoutMillis(connectTimeoutMs)
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    if (sslContext != null)
                    {
                        pipeline.addLast(sslContext.newHandler(channel.alloc(), host, port));
                    }
                    pipeline.addLast(new HttpClientCodec());
                    pipeline.addLast(new HttpObjectAggregator(64 * 1024));
                    pipeline.addLast(new WebSocketClientProtocolHandler(config));
                    pipeline.addLast(new WebSocketFrameAggregator(MAX_FRAME_BYTES));
                    pipeline.addLast(new FrameHandler(connectionId));
                }
            });
        bootstrap.connect(host, port).addListener(future ->
        {
            if (!future.isSuccess())
            {
                postClosed(connectionId);
            }
        });
        return connectionId;
    }

    private synchronized SslContext sslContext() throws SSLException
    {
        if (ssl == null)
        {
            ssl = SslContextBuilder.forClient().build();
        }
        return ssl;
    }

    /**
     * Send a text frame on an open connection.
     *
     * @return false if the connection is not open.
     */
    public boolean send(final int connectionId, final String text)
    {
        final Channel channel = channels.get(connectionId);
        if (channel == null || !channel.isActive())
        {
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(text));
        return true;
    }

    /**
     * Close a connection; {@link FrameRing#CLOSED} follows. Unknown or closed ids are ignored.
     */
    public void close(final int connectionId)
    {
        final Channel channel = channels.get(connectionId);
        if (channel != null)
        {
            channel.close();
        }
    }

    private void postClosed(final int connectionId)
    {
        if (!frames.offerEvent(FrameRing.CLOSED, connectionId))
        {
            lateCloses.add(connectionId);
        }
    }

    /**
     * A closed event that found the frame ring full is kept here instead, for the feed to poll.
     *
     * @return the id of a connection that closed, or 0.
     */
    public int pollLateClose()
    {
        final Integer id = lateCloses.poll();
        return id == null ? 0 : id;
    }

    /**
     * @return frames that did not fit in the frame ring, since construction.
     */
    public long refusedFrames()
    {
        return refusedFrames.get();
    }

    @Override
    public void close()
    {
        for (final Channel channel : channels.values())
        {
            channel.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final int connectionId;
        private boolean closedPosted;

        FrameHandler(final int connectionId)
        {
            this.connectionId = connectionId;
        }

        @Override
        public void handlerAdded(final ChannelHandlerContext ctx)
        {
            channels.put(connectionId, ctx.channel());
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                frames.offerEvent(FrameRing.OPENED, connectionId);
            }
            else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof TextWebSocketFrame && !frames.offerFrame(connectionId, frame.content()))
            {
                refusedFrames.incrementAndGet();
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            postClosed();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }

        private void postClosed()
        {
            channels.remove(connectionId);
            if (!closedPosted)
            {
                closedPosted = true;
                WebSocketClient.this.postClosed(connectionId);
            }
        }
    }
}
