package io.ruche.uploads;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Test images for tests of other packages. */
public final class TestImagesAccess {

    private TestImagesAccess() {
    }

    public static byte[] png() {
        try {
            return TestImages.image("png", 40, 40);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
