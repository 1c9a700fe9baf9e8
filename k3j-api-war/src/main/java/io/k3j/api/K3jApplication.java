package io.k3j.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The API lives at the root path, where Kubernetes clients look for it. */
@ApplicationPath("/")
public class K3jApplication extends Application {
}
