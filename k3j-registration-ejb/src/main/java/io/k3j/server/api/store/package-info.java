/**
 * Objects in the revision log with Kubernetes's semantics: create, get, list with paging,
 * update, patch, delete with finalizers, deletecollection, watch, and namespace cleanup.
 */
package io.k3j.server.api.store;
