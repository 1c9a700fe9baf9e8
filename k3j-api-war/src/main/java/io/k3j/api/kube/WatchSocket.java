package io.k3j.api.kube;

import io.k3j.api.auth.UserPrincipal;
import io.k3j.server.api.ApiService;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.watch.ObjectWatch;
import io.k3j.server.api.watch.WatchEncoding;
import io.k3j.server.api.watch.WatchSink;
import io.k3j.server.auth.AuthenticationService;
import io.k3j.server.auth.ResourceAccess;
import io.k3j.server.auth.UserInfo;
import jakarta.ejb.EJB;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A watch over a WebSocket, as the Kubernetes API server also serves them: a client that asks
 * a watch URL for an upgrade (the fabric8 client does) gets one text message per event. The
 * events are the same as those of the HTTP stream; only the transport differs. Registered for
 * the watch URLs by {@link WatchSocketPaths}.
 */
public class WatchSocket extends Endpoint {

    private static final Logger LOG = Logger.getLogger(WatchSocket.class.getName());

    @EJB
    private ApiService api;

    @EJB
    private AuthenticationService authentication;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        ObjectWatch watch;
        try {
            Map<String, String> path = session.getPathParameters();
            String plural = path.get("plural");
            String name = path.getOrDefault("name", "");
            RequestQuery query = RequestQuery.of(session.getRequestParameterMap());
            Target target = Target.resolve(ResourceCatalog.builtIn(), path.getOrDefault("group", ""),
                    path.getOrDefault("version", "v1"), path.getOrDefault("namespace", ""), plural, "", "");
            UserInfo user = session.getUserPrincipal() instanceof UserPrincipal principal ? principal.user()
                    : UserInfo.ANONYMOUS;
            authentication.authorizer().check(user,
                    new ResourceAccess(ResourceAccess.WATCH, target.type(), target.namespace(), name, ""));
            watch = api.watches().watch(target.type(), target.namespace(), query.watchOptions(name),
                    WatchEncoding.JSON);
        } catch (ApiException e) {
            // the upgrade already happened: the Status goes in the close reason, cut to what a reason can hold
            close(session, new CloseReason(CloseCodes.CANNOT_ACCEPT, abbreviate(e.status().message())));
            return;
        }
        session.getUserProperties().put(ObjectWatch.class.getName(), watch);
        watch.attach(new SocketSink(session, watch));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (session.getUserProperties().get(ObjectWatch.class.getName()) instanceof ObjectWatch watch) {
            watch.close();
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.fine(() -> "watch socket failed: " + failure);
        onClose(session, null);
    }

    private static String abbreviate(String message) {
        // a close reason holds at most 123 bytes
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 120 ? message : new String(bytes, 0, 120, StandardCharsets.UTF_8);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            // the client is gone already
        }
    }

    /**
     * Sends the watch's events one message at a time without blocking the thread that tells it
     * they are there: at most one send is in flight, and whoever finds work pending runs the loop.
     */
    private static final class SocketSink implements WatchSink {

        private final Session session;
        private final ObjectWatch watch;
        private final AtomicInteger work = new AtomicInteger();
        private final AtomicBoolean sending = new AtomicBoolean();

        SocketSink(Session session, ObjectWatch watch) {
            this.session = session;
            this.watch = watch;
        }

        @Override
        public void ready() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!sending.get()) {
                    byte[] event = watch.next();
                    if (event != null) {
                        sending.set(true);
                        session.getAsyncRemote().sendText(new String(event, StandardCharsets.UTF_8), this::sent);
                    } else if (watch.isFinished()) {
                        watch.close();
                        close(session, new CloseReason(CloseCodes.NORMAL_CLOSURE, ""));
                    }
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        private void sent(SendResult result) {
            sending.set(false);
            if (!result.isOK()) {
                watch.close();
                close(session, new CloseReason(CloseCodes.GOING_AWAY, ""));
                return;
            }
            ready();
        }

        @Override
        public void cancel() {
            watch.close();
            close(session, new CloseReason(CloseCodes.GOING_AWAY, "watch ended"));
        }
    }
}
