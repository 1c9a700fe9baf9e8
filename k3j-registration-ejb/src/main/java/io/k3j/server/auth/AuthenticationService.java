package io.k3j.server.auth;

import io.k3j.server.bootstrap.BootstrapStartup;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.List;

/** Builds the server's {@link Authenticator} from the cluster that the bootstrap settled. */
@Singleton
@DependsOn("BootstrapStartup")
@Lock(LockType.READ)
public class AuthenticationService {

    @EJB
    private BootstrapStartup bootstrap;

    private Authenticator authenticator;

    @PostConstruct
    void start() {
        String token = bootstrap.cluster()
                .orElseThrow(() -> new IllegalStateException("the cluster is not bootstrapped"))
                .token();
        authenticator = new Authenticator(List.of(new AdminTokenVerifier(token)));
    }

    /**
     * The authenticator; callers keep and use it directly rather than through this bean, so that
     * a request pays no container call for it.
     */
    public Authenticator authenticator() {
        return authenticator;
    }
}
