package io.k3j.server.auth;

import io.k3j.server.api.ApiService;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.bootstrap.BootstrapStartup;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.List;

/**
 * Builds the server's {@link Authenticator} and {@link Authorizer} from the cluster that the
 * bootstrap settled, and issues node tokens.
 */
@Singleton
@DependsOn("ApiService")
@Lock(LockType.READ)
public class AuthenticationService {

    @EJB
    private BootstrapStartup bootstrap;

    @EJB
    private ApiService api;

    private Authenticator authenticator;
    private Authorizer authorizer;
    private NodeTokens nodeTokens;

    @PostConstruct
    void start() {
        String token = bootstrap.cluster()
                .orElseThrow(() -> new IllegalStateException("the cluster is not bootstrapped"))
                .token();
        nodeTokens = new NodeTokens(token);
        authenticator = new Authenticator(
                List.of(new AdminTokenVerifier(token), new NodeTokenVerifier(nodeTokens), new ClusterTokenVerifier(token)));
        ObjectStore store = api.store();
        authorizer = new Authorizer((namespace, name) -> store.find(ResourceCatalog.PODS, namespace, name));
    }

    /**
     * The authenticator; callers keep and use it directly rather than through this bean, so that
     * a request pays no container call for it.
     */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The authorizer; kept and used directly by callers, like the authenticator. */
    public Authorizer authorizer() {
        return authorizer;
    }

    /** Issues the bearer tokens of registered nodes. */
    public NodeTokens nodeTokens() {
        return nodeTokens;
    }
}
