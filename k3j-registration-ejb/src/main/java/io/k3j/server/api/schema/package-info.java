/**
 * What fields each Kubernetes kind has, from the protobuf descriptors of client-java-proto: the
 * messages, their special JSON shapes, and the field validation of what clients send.
 */
package io.k3j.server.api.schema;
