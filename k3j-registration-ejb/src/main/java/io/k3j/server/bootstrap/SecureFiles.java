package io.k3j.server.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Files that hold secrets: created readable by their owner only, never briefly readable by others. */
public final class SecureFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private SecureFiles() {
    }

    /** Creates a directory and its missing parents with mode 0700; existing ones keep their mode. */
    public static void createPrivateDirectories(Path dir) {
        try {
            Files.createDirectories(dir, OWNER_ONLY_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir + ": " + reason(e), e);
        }
    }

    /** Replaces a file's content, atomically, by a file with mode 0600. */
    public static void writePrivate(Path file, String content) {
        writePrivate(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces a file's content, atomically, by a file with mode 0600. */
    public static void writePrivate(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        try {
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", OWNER_ONLY_FILE);
            try {
                Files.write(temp, content);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** A file's content, or empty when there is no such file. */
    public static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** Why an I/O operation failed, in the words of the shell rather than as an exception's name. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " is in the way";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + " (" + fse.getFile() + ")";
        }
        return e.toString();
    }
}
