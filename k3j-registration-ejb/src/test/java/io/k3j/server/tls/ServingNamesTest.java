package io.k3j.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.net.Ipv4Cidr;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServingNamesTest {

    @Test
    void theDefaultAdvertiseAddressIsAnIpv4AddressOfThisHost() throws Exception {
        String address = ServingNames.defaultAdvertiseAddress();

        assertTrue(Ipv4Cidr.parseAddress(address).isPresent(), address);
        InetAddress parsed = InetAddress.getByName(address);
        assertTrue(address.equals("127.0.0.1") || !parsed.isLoopbackAddress(), address);
    }

    @Test
    void withoutAnAdvertiseAddressTheCertificateNamesTheDefaultOne() throws Exception {
        ServingNames names = ServingNames.forServer("0.0.0.0", true, Optional.empty(), Optional.empty());
        assertTrue(names.addresses().contains(InetAddress.getByName(ServingNames.defaultAdvertiseAddress())),
                names.toString());

        ServingNames given = ServingNames.forServer("0.0.0.0", true, Optional.of("10.9.8.7"), Optional.empty());
        assertTrue(given.addresses().contains(InetAddress.getByName("10.9.8.7")), given.toString());
        assertFalse(given.addresses().contains(InetAddress.getByName(ServingNames.defaultAdvertiseAddress()))
                && !ServingNames.defaultAdvertiseAddress().equals("127.0.0.1"), given.toString());
    }

    @Test
    void aServerAdvertisesItsOnlyAddressUnlessTold() {
        assertEquals("127.0.0.1", ServingNames.advertisedAddress("127.0.0.1", false, Optional.empty()));
        assertEquals("10.1.2.3", ServingNames.advertisedAddress("127.0.0.1", false, Optional.of("10.1.2.3")));
        assertEquals(ServingNames.defaultAdvertiseAddress(), ServingNames.advertisedAddress("0.0.0.0", true, Optional.empty()));
    }
}
