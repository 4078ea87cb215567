package io.github.twostep.internal.qr;

import io.github.twostep.TwoStepException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Draws a {@link QrCode} into a black-and-white PNG through {@code javax.imageio}. */
final class PngRenderer {
    private static final int LIGHT = 1;
    private static final int DARK = 0;

    private PngRenderer() {
    }

    static byte[] render(QrCode code, int sizePixels) {
        int total = code.totalModules();
        int scale = Math.max(1, sizePixels / total);
        int side = total * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        int[] row = new int[side];
        for (int y = 0; y < total; y++) {
            for (int x = 0; x < total; x++) {
                int value = code.isDark(x, y) ? DARK : LIGHT;
                Arrays.fill(row, x * scale, (x + 1) * scale, value);
            }
            for (int dy = 0; dy < scale; dy++) {
                raster.setSamples(0, y * scale + dy, side, 1, 0, row);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new TwoStepException("no PNG writer is available in this Java runtime");
            }
        } catch (IOException e) {
            throw new TwoStepException("could not write the QR code as PNG", e);
        }
        return out.toByteArray();
    }
}
