/** JSON patch, JSON merge patch and strategic merge patch, with the merge keys of the built-in types. */
package io.k3j.server.api.patch;
