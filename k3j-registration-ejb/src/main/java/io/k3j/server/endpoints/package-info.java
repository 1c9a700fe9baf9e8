/**
 * The endpoints of Service {@code kubernetes} in {@code default}: every server's own address,
 * kept there while the server lives, as Kubernetes's lease endpoint reconciler keeps the API
 * servers' addresses. Agents learn the server list from it.
 */
package io.k3j.server.endpoints;
