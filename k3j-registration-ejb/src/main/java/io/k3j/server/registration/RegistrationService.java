package io.k3j.server.registration;

import io.k3j.server.api.ApiService;
import io.k3j.server.auth.AuthenticationService;
import io.k3j.server.nodepassword.NodePasswordHash;
import io.k3j.server.nodepassword.NodePasswords;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/** The registration of agents and their node passwords, built once per server over the API's store. */
@Singleton
@Startup
@DependsOn("AuthenticationService")
@Lock(LockType.READ)
public class RegistrationService {

    @EJB
    private ApiService api;

    @EJB
    private AuthenticationService authentication;

    private NodePasswords nodePasswords;
    private NodeRegistrar registrar;

    @PostConstruct
    void start() {
        nodePasswords = new NodePasswords(api.store(), NodePasswordHash.K3S_COST,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        registrar = new NodeRegistrar(nodePasswords, authentication.nodeTokens());
    }

    /**
     * The registrar; callers keep and use it directly, so that its ApiExceptions reach them
     * unwrapped by the EJB container.
     */
    public NodeRegistrar registrar() {
        return registrar;
    }

    /** The node passwords, for the controller that removes those of deleted nodes. */
    public NodePasswords nodePasswords() {
        return nodePasswords;
    }
}
