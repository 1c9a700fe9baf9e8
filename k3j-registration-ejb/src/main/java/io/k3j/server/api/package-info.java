/**
 * The storage side of the Kubernetes API, as plain services that JAX-RS resources stay thin over.
 *
 * <p>A resource for any type is a few lines: resolve the type with
 * {@link io.k3j.server.api.resource.ResourceCatalog#byResource} (or answer
 * {@link io.k3j.server.api.status.ApiException#resourceNotFound()}), decode the body of a write
 * with {@link io.k3j.server.api.store.BodyFormat#decodeObject} or
 * {@link io.k3j.server.api.store.Bodies#decodePatch} (which validate its fields, as the
 * fieldValidation parameter asks), turn query parameters into
 * {@link io.k3j.server.api.store.ListOptions#fromQuery}, {@code WatchOptions.fromQuery},
 * {@code WriteOptions.fromQuery} or {@code DeleteOptions.fromRequest}, call
 * {@link io.k3j.server.api.store.ObjectStore}, and answer its JSON, with a Warning header for each
 * warning the write options collected; map every
 * {@link io.k3j.server.api.status.ApiException} to its {@code status().code()} with
 * {@code status().toJson()} as the body. A watch is opened with
 * {@link io.k3j.server.api.watch.WatchFanout#watch} and written by a non-blocking sink that
 * takes its encoded events with {@link io.k3j.server.api.watch.ObjectWatch#next()}.
 */
package io.k3j.server.api;
