package io.ruche.uploads;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploads in a folder: {@code ruche.uploads.dir}, by default {@code uploads} in the data folder. Files are written
 * to a temporary name then moved into place, so a node reading a shared folder never sees half a file. Keys are
 * spread over two levels of sub-folders so no folder grows too large.
 */
@Singleton
public class FolderStorage implements UploadStorage {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{10,40}(\\.[a-z]{1,8})?");

    private final Path root;

    public FolderStorage(@Value("${ruche.uploads.dir:${ruche.data-dir:./data}/uploads}") String root) {
        this.root = Path.of(root).toAbsolutePath();
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not an upload key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        Path file = path(key);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }
}
