/** JSON-P helpers: one cached provider, parsing, encoding, path edits and object metadata. */
package io.k3j.server.api.json;
