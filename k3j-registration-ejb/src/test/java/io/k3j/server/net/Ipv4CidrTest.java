package io.k3j.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

    @Test
    void readsARangeAndClearsHostBits() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.43.7.9/16");
        assertEquals("10.43.0.0/16", cidr.toString());
        assertEquals(65536, cidr.size());
        assertEquals("10.43.0.1", Ipv4Cidr.format(cidr.address(1)));
        assertEquals("10.43.255.255", Ipv4Cidr.format(cidr.address(65535)));
        assertEquals(258, cidr.offset(Ipv4Cidr.parseAddress("10.43.1.2").orElseThrow()));
    }

    @Test
    void tellsAddressesInsideFromOutside() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("192.168.128.0/17");
        assertTrue(cidr.contains(Ipv4Cidr.parseAddress("192.168.255.254").orElseThrow()));
        assertFalse(cidr.contains(Ipv4Cidr.parseAddress("192.168.127.255").orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> cidr.offset(Ipv4Cidr.parseAddress("10.0.0.1").orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> cidr.address(32768));
    }

    @Test
    void highAddressesStayUnsigned() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("240.0.0.0/4");
        assertEquals("255.255.255.255", Ipv4Cidr.format(cidr.address(cidr.size() - 1)));
        assertEquals(cidr.size() - 1, cidr.offset(Ipv4Cidr.parseAddress("255.255.255.255").orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.43.0.0", "10.43.0/16", "10.43.0.0/33", "10.43.0.256/16", "fd00::/64", "10.043.0.0/16", ""})
    void refusesWhatIsNotAnIpv4Cidr(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void readsOnlyDottedQuads() {
        assertEquals(Optional.of(0x0a2b0001), Ipv4Cidr.parseAddress("10.43.0.1"));
        assertEquals(Optional.empty(), Ipv4Cidr.parseAddress("10.43.1"));
        assertEquals(Optional.empty(), Ipv4Cidr.parseAddress("::1"));
        assertEquals(Optional.empty(), Ipv4Cidr.parseAddress("a.b.c.d"));
    }
}
