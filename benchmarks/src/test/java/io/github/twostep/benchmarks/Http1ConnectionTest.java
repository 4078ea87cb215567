package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.benchmarks.Http1Connection.Answer;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Http1Connection} against a scripted server on a real socket: each accepted connection
 * answers the next scripted answers (raw bytes) one per request, then closes.
 */
class Http1ConnectionTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> connections = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread acceptor;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            acceptor.join(5_000);
        }
    }

    @Test
    void sendWhenContentLengthAndChunkedAnswersThenBothReadOnOneConnection() throws Exception {
        int port = serve(List.of(List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                        + "Content-Length: 11\r\n\r\n{\"ok\":true}",
                "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")));
        try (Http1Connection connection = new Http1Connection(port)) {
            Answer first = connection.send("POST", "/a", List.of("X-Test: 1"), "{\"code\":\"1\"}");
            Answer second = connection.send("GET", "/b", List.of(), null);

            assertEquals(200, first.status());
            assertEquals("{\"ok\":true}", first.body());
            assertEquals(List.of("a=1", "b=2"), first.all("set-cookie"));
            assertEquals("application/json", first.first("content-type"));
            assertEquals(401, second.status());
            assertEquals("hello world", second.body());
        }
        assertEquals(1, connections.size());
        assertTrue(requests.get(0).startsWith("POST /a HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Test: 1\r\n"
                + "Content-Length: 12\r\n\r\n"), requests.get(0));
        assertTrue(requests.get(1).startsWith("GET /b HTTP/1.1\r\n"), requests.get(1));
    }

    @Test
    void sendWhenServerClosedTheIdleConnectionThenReopensAndSendsOnce() throws Exception {
        int port = serve(List.of(
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1"),
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2")));
        try (Http1Connection connection = new Http1Connection(port)) {
            assertEquals("1", connection.send("GET", "/one", List.of(), null).body());
            assertEquals("2", connection.send("GET", "/two", List.of(), null).body());
        }
        assertEquals(List.of(1, 2), connections);
        assertEquals(2, requests.size());
    }

    @Test
    void sendWhenFreshConnectionClosedBeforeAnswerThenThrows() throws Exception {
        int port = serve(List.of(List.of()));
        try (Http1Connection connection = new Http1Connection(port)) {
            assertThrows(EOFException.class, () -> connection.send("GET", "/", List.of(), null));
        }
    }

    @Test
    void sendWhenBodyEndsEarlyThenThrows() throws Exception {
        int port = serve(List.of(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")));
        try (Http1Connection connection = new Http1Connection(port)) {
            assertThrows(EOFException.class, () -> connection.send("GET", "/", List.of(), null));
        }
    }

    /** Starts the scripted server; each inner list is one connection's answers. */
    private int serve(List<List<String>> script) throws IOException {
        server = new ServerSocket(0);
        acceptor = new Thread(() -> {
            try {
                for (List<String> answers : script) {
                    try (Socket socket = server.accept()) {
                        connections.add(connections.size() + 1);
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                        OutputStream out = socket.getOutputStream();
                        for (String answer : answers) {
                            requests.add(readRequest(in));
                            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                        if (answers.isEmpty()) {
                            readRequest(in);
                        }
                    }
                }
            } catch (IOException e) {
                // the test closed the server
            }
        }, "scripted-server");
        acceptor.start();
        return server.getLocalPort();
    }

    private static String readRequest(BufferedReader in) throws IOException {
        StringBuilder request = new StringBuilder();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            request.append(line).append("\r\n");
            if (line.startsWith("Content-Length: ")) {
                length = Integer.parseInt(line.substring(16));
            }
        }
        request.append("\r\n");
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return request.append(body, 0, read).toString();
    }
}
