/**
 * The storage side of the Kubernetes API, as plain services that JAX-RS resources stay thin over.
 *
 * <p>A resource for any type is a few lines: resolve the type with
 * {@link io.k3j.server.api.resource.ResourceCatalog#byResource} (or answer
 * {@link io.k3j.server.api.status.ApiException#resourceNotFound()}), parse the body with
 * {@link io.k3j.server.api.store.Bodies}, turn query parameters into
 * {@link io.k3j.server.api.store.ListOptions#fromQuery}, {@code WatchOptions.fromQuery},
 * {@code WriteOptions.fromQuery} or {@code DeleteOptions.fromRequest}, call
 * {@link io.k3j.server.api.store.ObjectStore}, and answer its JSON; map every
 * {@link io.k3j.server.api.status.ApiException} to its {@code status().code()} with
 * {@code status().toJson()} as the body. A watch is an
 * {@link io.k3j.server.api.store.ObjectWatch} drained into a StreamingOutput, one
 * {@code WatchEvent.toJson()} per line.
 */
package io.k3j.server.api;
