/** Kubernetes Status objects and the exception that carries one, worded as the API server words them. */
package io.k3j.server.api.status;
