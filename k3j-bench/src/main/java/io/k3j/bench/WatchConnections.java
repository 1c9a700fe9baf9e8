package io.k3j.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Many HTTP watch streams on real sockets, all read by one thread with a selector: each
 * connection sends its GET, reads the response headers, then decodes the chunked body and scans
 * each event line for the write's number ({@code "seq":"N"}) without decoding or parsing JSON,
 * so that the client costs little next to the server it measures. Counts ERROR events.
 *
 * <p>The connections are TLS, as the server serves only HTTPS: each handshakes (blocking) and
 * sends its request when opened; the reader then decrypts with the connection's {@link SSLEngine}.
 */
final class WatchConnections implements AutoCloseable {

    private static final byte[] SEQ = "\"seq\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "{\"type\":\"ERROR\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final List<Stream> streams = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final Thread reader;
    private volatile boolean closed;

    /**
     * Connects and sends the requests; the reader thread takes over from there.
     *
     * @param tls trusts the server's certificate
     * @param request the request's bytes, sent on every connection
     * @param sent when each write was sent, by its number
     * @param first the first write whose latency counts
     * @param perStream how many latencies each stream may record
     */
    WatchConnections(InetSocketAddress server, SSLContext tls, byte[] request, int count, AtomicLongArray sent, int first,
            int perStream) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(server);
            channel.configureBlocking(true);
            SSLEngine engine = tls.createSSLEngine(server.getHostString(), server.getPort());
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            ByteBuffer netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            handshake(channel, engine, netIn);
            send(channel, engine, ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Stream stream = new Stream(engine, netIn, sent, first, perStream);
            streams.add(stream);
            channel.register(selector, SelectionKey.OP_READ, stream);
        }
        reader = new Thread(this::read, "watch-connections");
        reader.setDaemon(true);
        reader.start();
    }

    /** How many streams got their 200 response headers. */
    int started() {
        return started.get();
    }

    /** How many streams were refused or cut. */
    int failed() {
        return failed.get();
    }

    /** How many ERROR events arrived. */
    int errors() {
        return errors.get();
    }

    long received() {
        return streams.stream().mapToLong(s -> s.received.get()).sum();
    }

    /** Every recorded latency, in nanoseconds. */
    long[] latencies() {
        long[] all = new long[(int) received()];
        int n = 0;
        for (Stream stream : streams) {
            int count = Math.min(stream.received.get(), stream.latencies.length());
            for (int i = 0; i < count && n < all.length; i++) {
                all[n++] = stream.latencies.get(i);
            }
        }
        return Arrays.copyOf(all, n);
    }

    private void read() {
        // a heap buffer: the parser scans its array, and the JDK's AES-GCM is fastest on arrays
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        try {
            while (!closed) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    int read;
                    try {
                        read = ((SocketChannel) key.channel()).read(stream.netIn);
                        // per connection, after its read: no event is stamped before its bytes were read
                        long now = System.nanoTime();
                        if (read >= 0 && !decrypt(stream, buffer, now)) {
                            read = -1;
                        }
                    } catch (IOException e) {
                        read = -1;
                    }
                    if (read < 0) {
                        key.cancel();
                        key.channel().close();
                        if (!closed) {
                            failed.incrementAndGet();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decrypts what a connection has received and parses it; returns false when the server
     * closed the TLS session.
     */
    private static boolean decrypt(Stream stream, ByteBuffer plain, long now) throws SSLException {
        stream.netIn.flip();
        try {
            while (stream.netIn.hasRemaining()) {
                plain.clear();
                SSLEngineResult result = stream.engine.unwrap(stream.netIn, plain);
                byte[] bytes = plain.array();
                for (int i = 0, end = plain.position(); i < end; i++) {
                    stream.accept(bytes[i], now);
                }
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return false;
                }
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    break; // the rest of a record is still on its way
                }
            }
            return true;
        } finally {
            stream.netIn.compact();
        }
    }

    /** A client handshake on a blocking channel; {@code netIn} keeps what arrived beyond it. */
    private static void handshake(SocketChannel channel, SSLEngine engine, ByteBuffer netIn) throws IOException {
        ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        ByteBuffer plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        while (status != SSLEngineResult.HandshakeStatus.FINISHED
                && status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP -> {
                    netOut.clear();
                    status = engine.wrap(ByteBuffer.allocate(0), netOut).getHandshakeStatus();
                    netOut.flip();
                    while (netOut.hasRemaining()) {
                        channel.write(netOut);
                    }
                }
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                }
                default -> { // NEED_UNWRAP, NEED_UNWRAP_AGAIN
                    netIn.flip();
                    SSLEngineResult result = engine.unwrap(netIn, plain);
                    netIn.compact();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                        throw new EOFException("the server closed the connection during the TLS handshake");
                    }
                    status = result.getHandshakeStatus();
                }
            }
        }
    }

    private static void send(SocketChannel channel, SSLEngine engine, ByteBuffer request) throws IOException {
        ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        while (request.hasRemaining()) {
            netOut.clear();
            engine.wrap(request, netOut);
            netOut.flip();
            while (netOut.hasRemaining()) {
                channel.write(netOut);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        reader.join(2000);
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /** One connection's parser: response headers, then the chunked body, then event lines. */
    private final class Stream {

        private final SSLEngine engine;
        /** Received and not yet decrypted, kept in write mode: a TLS record may span reads. */
        private final ByteBuffer netIn;
        private final AtomicLongArray sent;
        private final int first;
        private final AtomicLongArray latencies;
        private final AtomicInteger received = new AtomicInteger();

        private enum Part { HEADERS, SIZE, DATA, DATA_END, END }

        private Part part = Part.HEADERS;
        private final StringBuilder statusLine = new StringBuilder();
        private int headersMatched;
        private int chunkLeft;
        private int dataEndLeft;
        /** Within the current event line: how much of SEQ and ERROR matched, and the number read so far. */
        private int lineOffset;
        private int seqMatched;
        private int errorMatched;
        private int seq = -1;
        private boolean inNumber;

        Stream(SSLEngine engine, ByteBuffer netIn, AtomicLongArray sent, int first, int perStream) {
            this.engine = engine;
            this.netIn = netIn;
            this.sent = sent;
            this.first = first;
            this.latencies = new AtomicLongArray(perStream);
        }

        void accept(byte b, long now) {
            switch (part) {
                case HEADERS -> header(b);
                case SIZE -> {
                    if (b == '\n') {
                        part = chunkLeft == 0 ? Part.END : Part.DATA; // a last chunk ends the stream
                    } else if (b != '\r') {
                        chunkLeft = chunkLeft * 16 + Character.digit(b, 16);
                    }
                }
                case DATA -> {
                    event(b, now);
                    if (--chunkLeft == 0) {
                        part = Part.DATA_END;
                        dataEndLeft = 2;
                    }
                }
                case DATA_END -> {
                    if (--dataEndLeft == 0) {
                        part = Part.SIZE;
                    }
                }
                case END -> {
                    // the trailer of a stream the server ended
                }
            }
        }

        private void header(byte b) {
            if (statusLine.length() < 12) {
                statusLine.append((char) b);
                if (statusLine.length() == 12 && !statusLine.toString().endsWith(" 200")) {
                    failed.incrementAndGet();
                }
            }
            headersMatched = b == HEADERS_END[headersMatched] ? headersMatched + 1 : (b == '\r' ? 1 : 0);
            if (headersMatched == HEADERS_END.length) {
                started.incrementAndGet();
                part = Part.SIZE;
                chunkLeft = 0;
            }
        }

        private void event(byte b, long now) {
            if (b == '\n') {
                if (seq >= first) {
                    int n = received.getAndIncrement();
                    if (n < latencies.length()) {
                        latencies.set(n, now - sent.get(seq));
                    }
                }
                lineOffset = 0;
                seqMatched = 0;
                errorMatched = 0;
                seq = -1;
                inNumber = false;
                return;
            }
            if (lineOffset == errorMatched && errorMatched < ERROR.length && b == ERROR[errorMatched]
                    && ++errorMatched == ERROR.length) {
                errors.incrementAndGet();
            }
            lineOffset++;
            if (inNumber) {
                if (b >= '0' && b <= '9') {
                    seq = seq * 10 + (b - '0');
                } else {
                    inNumber = false;
                }
            } else if (seq < 0) {
                seqMatched = b == SEQ[seqMatched] ? seqMatched + 1 : (b == SEQ[0] ? 1 : 0);
                if (seqMatched == SEQ.length) {
                    inNumber = true;
                    seq = 0;
                }
            }
        }
    }
}
