package dev.stagehand.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that misbehaves on purpose: per path a file, and how to serve
 * it (answer 503 the first N times, cut the body short, or serve it whole).
 */
final class LayerServer implements AutoCloseable {
    /** @param failFirst GETs answered 503 before the file is served; @param cutAt bytes sent of a body announced whole (-1: all) */
    record File(byte[] body, int failFirst, int cutAt) {}

    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

    LayerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    LayerServer serve(String path, File f) {
        files.put(path, f);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A URL on a port where nothing listens: a dead mirror. */
    static String deadUrl(String path) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port + path;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            File f = files.get(path);
            boolean head = x.getRequestMethod().equals("HEAD");
            int n = head
                    ? 0
                    : gets.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            if (f == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            if (!head && n <= f.failFirst()) {
                x.sendResponseHeaders(503, -1);
                return;
            }
            x.getResponseHeaders().set("Content-Length", Integer.toString(f.body().length));
            x.sendResponseHeaders(200, head ? -1 : f.body().length);
            if (head) return;
            OutputStream out = x.getResponseBody();
            out.write(f.body(), 0, f.cutAt() < 0 ? f.body().length : f.cutAt());
            out.flush();
            // the body stays short of its Content-Length: closing the exchange breaks the connection
        } catch (IOException e) {
            // the client hung up, or the body was cut on purpose
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
