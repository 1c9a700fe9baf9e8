/** IPv4 addresses and address ranges as the server's settings and allocators use them. */
package io.k3j.server.net;
