package io.github.twostep.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection to {@code 127.0.0.1:port}, used by one thread at a time
 * with blocking reads and writes, as a browser keeps one connection per site. The load test
 * uses it instead of {@link java.net.http.HttpClient}, whose selector thread and hand-offs
 * between threads cost the shared two cores about a third of what the server itself spent
 * per request: CPU the client takes is CPU the measured server does not get.
 *
 * <p>It speaks just what the sample answers: a status line, headers, and a body sized by
 * {@code Content-Length} or sent chunked. A reused connection that the server closed while it
 * was idle (end of stream or a reset before any byte of the answer) is reopened and the request
 * sent once more, as browsers do. Should the server have taken the first copy after all, the
 * load test would see it: a code sent twice is refused the second time and counted as an error
 * or a lost update, never hidden. Any other failure is thrown.
 */
final class Http1Connection implements AutoCloseable {
    /** An answer: status, header fields (names in lower case, in order) and the body as text. */
    record Answer(int status, List<Map.Entry<String, String>> headers, String body) {
        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equals(name)) {
                    values.add(h.getValue());
                }
            }
            return values;
        }

        String first(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? "" : values.get(0);
        }
    }

    private static final int TIMEOUT_MILLIS = 30_000;

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;

    Http1Connection(int port) {
        this.port = port;
    }

    /** Sends {@code method path} with the given extra header lines (each "Name: value") and body. */
    Answer send(String method, String path, List<String> headerLines, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean wasReused = open();
        int first;
        try {
            first = exchange(request, content);
        } catch (IOException e) {
            if (!wasReused) {
                throw e;
            }
            first = -1;
        }
        if (first < 0 && wasReused) {
            close();
            open();
            first = exchange(request, content);
        }
        if (first < 0) {
            close();
            throw new EOFException("connection closed before the answer");
        }
        try {
            return read(first);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Writes the request; answers the answer's first byte, or -1 if the server closed the connection instead. */
    private int exchange(byte[] request, byte[] content) throws IOException {
        try {
            out.write(request);
            out.write(content);
            out.flush();
            return in.read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private boolean open() throws IOException {
        if (socket != null) {
            return reused;
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        reused = false;
        return false;
    }

    private Answer read(int first) throws IOException {
        String statusLine = (char) first + line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = parts[0].equals("HTTP/1.1");
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size, body);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length >= 0) {
            copy(length, body);
        } else if (status != 204 && status != 304) {
            in.transferTo(body);
            keepAlive = false;
        }
        if (keepAlive) {
            reused = true;
        } else {
            close();
        }
        return new Answer(status, List.copyOf(headers), body.toString(StandardCharsets.UTF_8));
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private void copy(long count, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = count; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("answer body ended " + left + " bytes early");
            }
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    /** One line without its CRLF, read as ISO-8859-1 (header bytes). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed inside the answer's head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection already broken
            }
        }
        socket = null;
        in = null;
        out = null;
        reused = false;
    }
}
