package io.k3j.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A minimal WebSocket server over TLS (RFC 6455, just what the tunnel uses): accepts every
 * handshake, sends one text message, answers pings with pongs, and can close its connections.
 */
public final class WebSocketDouble implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listener;
    private final String firstMessage;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    private volatile boolean answerPings = true;

    public WebSocketDouble(SSLContext tls, String firstMessage) throws IOException {
        this.listener = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.firstMessage = firstMessage;
        Thread acceptor = new Thread(this::accept, "websocket-double");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI url(String host) {
        return URI.create("https://" + host + ":" + listener.getLocalPort());
    }

    /** Request headers of each handshake, names lower-cased, and the request's path as {@code :path}. */
    public List<Map<String, String>> handshakes() {
        return handshakes;
    }

    public void answerPings(boolean answer) {
        answerPings = answer;
    }

    public void sendToAll(String text) throws IOException {
        for (Socket connection : connections) {
            writeFrame(connection.getOutputStream(), 0x1, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Drops every connection without a close frame, as a crashed server does. */
    public void dropAll() throws IOException {
        for (Socket connection : connections) {
            connection.close();
        }
        connections.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                Thread reader = new Thread(() -> serve(connection), "websocket-double-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            Map<String, String> headers = readHeaders(in);
            handshakes.add(headers);
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("sec-websocket-key") + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            connections.add(connection);
            writeFrame(out, 0x1, firstMessage.getBytes(StandardCharsets.UTF_8));
            DataInputStream frames = new DataInputStream(in);
            while (true) {
                int first = frames.readUnsignedByte();
                int second = frames.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = frames.readUnsignedShort();
                } else if (length == 127) {
                    length = frames.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    frames.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                frames.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = first & 0x0f;
                if (opcode == 0x9 && answerPings) {
                    writeFrame(out, 0xA, payload);
                } else if (opcode == 0x8) {
                    writeFrame(out, 0x8, payload);
                    return;
                }
            }
        } catch (Exception e) {
            // the connection ended
        } finally {
            connections.remove(connection);
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client went away during the handshake");
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        Map<String, String> headers = new TreeMap<>();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        headers.put(":path", lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static synchronized void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropAll();
    }
}
