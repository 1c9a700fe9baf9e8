/** Label and field selectors: parsing with clear errors, and matching objects. */
package io.k3j.server.api.selector;
