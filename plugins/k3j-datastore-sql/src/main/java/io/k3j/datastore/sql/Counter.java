package io.k3j.datastore.sql;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A named number: {@value #REVISION}, the newest revision, and {@value #COMPACT}, the
 * newest compacted one. Writers increment the revision counter inside their transaction;
 * its row lock makes them commit in revision order, so that a watcher reading rows in
 * revision order never skips one that commits late.
 */
@Entity
@Table(name = "k3j_counter")
@NamedQuery(name = Counter.READ, query = "SELECT c.counterValue FROM Counter c WHERE c.name = :name")
public class Counter {

    static final String READ = "Counter.read";
    static final String REVISION = "revision";
    static final String COMPACT = "compact";

    @Id
    @Column(name = "name", length = 32)
    private String name;

    @Column(name = "counter_value", nullable = false)
    private long counterValue;

    protected Counter() {
        // for JPA
    }

    Counter(String name, long value) {
        this.name = name;
        this.counterValue = value;
    }
}
