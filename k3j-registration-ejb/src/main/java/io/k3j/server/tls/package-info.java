/**
 * The cluster CA and the API's serving certificate, kept in {@code <data-dir>/tls}.
 *
 * <p>The launcher makes them before it starts Payara Micro, which serves the API over HTTPS with
 * the keystore {@link io.k3j.server.tls.ServingTls#ensure} returns; the server only reads the CA
 * certificate, for the admin kubeconfig. Certificates are built with BouncyCastle, which only
 * the launcher's JVM has: {@link io.k3j.server.tls.TlsFiles} and {@link io.k3j.server.tls.ServingNames}
 * use the JDK alone, so that the server can use them.
 */
package io.k3j.server.tls;
