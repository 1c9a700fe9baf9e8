package io.k3j.server.endpoints;

import io.k3j.server.net.Ipv4Cidr;
import java.util.Comparator;
import java.util.Optional;

/** IP addresses in numeric order for IPv4 ({@code 10.0.0.9} before {@code 10.0.0.10}), IPv4 first, others by text. */
enum IpOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        Optional<Integer> first = Ipv4Cidr.parseAddress(a);
        Optional<Integer> second = Ipv4Cidr.parseAddress(b);
        if (first.isPresent() && second.isPresent()) {
            return Integer.compareUnsigned(first.get(), second.get());
        }
        if (first.isPresent() != second.isPresent()) {
            return first.isPresent() ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
