/**
 * What objects hold in the revision log besides themselves, as Kubernetes's allocators keep
 * them: each Service's cluster IP is a key of its own, created only if absent, so that servers
 * sharing one datastore never hand out one address twice.
 */
package io.k3j.server.api.allocation;
