/** The resource types the API serves: names, scope, verbs, subresources, storage keys. */
package io.k3j.server.api.resource;
