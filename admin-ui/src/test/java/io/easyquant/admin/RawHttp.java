package io.easyquant.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written by hand on a socket, for what {@link java.net.http.HttpClient} will not send: a forged
 * {@code Host} header.
 */
final class RawHttp
{
    private RawHttp()
    {
    }

    /**
     * @param head the request line and headers, each ending in CRLF, without the blank line; Content-Length and
     *             Connection: close are added.
     * @return the whole response as text.
     */
    static String send(final int port, final String head, final String body) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            final byte[] content = body.getBytes(StandardCharsets.UTF_8);
            final OutputStream out = socket.getOutputStream();
            out.write((head + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    static int status(final String response)
    {
        return Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
    }
}
