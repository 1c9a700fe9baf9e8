package io.k3j.agent.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The node's name and password, made on the first start in {@code <data-dir>/node} and read
 * back afterwards: the password so that the server recognises the node, the id of
 * {@code --with-node-id} so that the name stays the same.
 */
public final class NodeIdentities {

    static final String NODE_DIR = "node";
    static final String PASSWORD_FILE = "password";
    static final String ID_FILE = "id";
    private static final int PASSWORD_BYTES = 32;
    private static final int ID_BYTES = 4;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private NodeIdentities() {
    }

    /**
     * @param nodeName the {@code --node-name}; otherwise the host name, lower-cased
     * @param withNodeId whether to append {@code -<8 hex>}, kept in {@code <data-dir>/node/id}
     * @throws IllegalArgumentException for a name that is no DNS-1123 subdomain, or a damaged file
     * @throws UncheckedIOException when the files cannot be read or written
     */
    public static NodeIdentity ensure(Path dataDir, Optional<String> nodeName, boolean withNodeId,
            Supplier<String> hostname, SecureRandom random) {
        String base = nodeName.map(name -> NodeNames.check(name, "--node-name"))
                .orElseGet(() -> NodeNames.check(hostname.get().strip().toLowerCase(Locale.ROOT), "the host name"));
        Path dir = privateDirectories(dataDir.resolve(NODE_DIR));
        String name = base;
        if (withNodeId) {
            String id = readOrCreate(dir.resolve(ID_FILE), () -> hex(random, ID_BYTES));
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(dir.resolve(ID_FILE) + " does not hold 8 hex digits; delete it to have a new id made");
            }
            name = NodeNames.check(base + "-" + id, "the node name with its id");
        }
        String password = readOrCreate(dir.resolve(PASSWORD_FILE), () -> hex(random, PASSWORD_BYTES));
        if (password.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve(PASSWORD_FILE) + " is empty");
        }
        return new NodeIdentity(name, password);
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static Path privateDirectories(Path dir) {
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent, PRIVATE_DIR);
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PRIVATE_DIR);
            }
            return dir;
        } catch (FileAlreadyExistsException e) {
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's content, stripped; or a new value written to it (mode 0600) through a temporary
     * file moved into place, so that no reader ever sees half a value. Of two agents racing on one
     * data dir, the first move wins and both use its value.
     */
    private static String readOrCreate(Path file, Supplier<String> newValue) {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            // made below
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new", PRIVATE_FILE);
            try {
                Files.writeString(temporary, newValue.get() + "\n");
                try {
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException e) {
                    // another agent on the same data dir was first
                } catch (UnsupportedOperationException e) {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
