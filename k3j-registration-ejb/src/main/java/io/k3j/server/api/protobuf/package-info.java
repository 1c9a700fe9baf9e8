/**
 * Request bodies in Kubernetes's protobuf encoding, as kubectl's create subcommands send them,
 * decoded into the JSON objects the rest of the API works on.
 */
package io.k3j.server.api.protobuf;
