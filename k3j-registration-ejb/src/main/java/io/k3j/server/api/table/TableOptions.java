package io.k3j.server.api.table;

import java.util.Objects;

/**
 * How a client asked for a Table.
 *
 * @param version the Table version the Accept header chose
 * @param includeObject what the rows carry besides their cells
 */
public record TableOptions(TableVersion version, IncludeObject includeObject) {

    public TableOptions {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(includeObject, "includeObject");
    }
}
