/** The OpenAPI v3 documents of the API, generated from the resource catalog and the protobuf descriptors. */
package io.k3j.server.api.openapi;
