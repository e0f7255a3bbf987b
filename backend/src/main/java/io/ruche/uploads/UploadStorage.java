package io.ruche.uploads;

import java.io.IOException;
import java.util.Optional;

/**
 * Where uploaded bytes live, by key. The folder adapter ({@link FolderStorage}) is the default; pointed at a folder
 * several nodes share (NFS, a mounted volume), every node serves every upload. An object store is another adapter.
 */
public interface UploadStorage {

    void put(String key, byte[] bytes) throws IOException;

    /** The bytes, or empty when nothing is stored under the key. */
    Optional<byte[]> get(String key) throws IOException;

    void delete(String key) throws IOException;
}
