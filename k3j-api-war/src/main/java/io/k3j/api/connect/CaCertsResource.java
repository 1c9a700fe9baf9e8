package io.k3j.api.connect;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.config.ServerConfiguration;
import io.k3j.server.tls.TlsFiles;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * {@code GET /cacerts}: the cluster CA certificate, open to all as in K3s. An agent checks it
 * against the hash in a K10 token, or trusts it on first use, before it sends any secret.
 */
@Path("cacerts")
@ApplicationScoped
public class CaCertsResource {

    @EJB
    private ServerConfiguration configuration;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public byte[] caCertificates() {
        try {
            return Files.readAllBytes(TlsFiles.of(configuration.get().dataDir()).caCertificate());
        } catch (NoSuchFileException e) {
            throw ApiException.resourceNotFound(); // a server started without the launcher's TLS material
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
