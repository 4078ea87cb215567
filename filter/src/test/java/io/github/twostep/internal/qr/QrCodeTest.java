package io.github.twostep.internal.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodeTest {
    private static final String URI = "otpauth://totp/Caf%C3%A9%20%26%20Co%3A%20Test:jos%C3%A9%40example.com"
            + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Caf%C3%A9%20%26%20Co%3A%20Test"
            + "&algorithm=SHA1&digits=6&period=30";

    @ParameterizedTest
    @ValueSource(ints = {1, 120, 200, 400})
    void pngWhenDecodedThenGivesIdenticalText(int size) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.of(URI).png(size)));

        Result result = decode(image);

        assertEquals(URI, result.getText());
    }

    @Test
    void pngWhenDecodedThenErrorCorrectionIsLevelM() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.of(URI).png(300)));

        Result result = decode(image);

        assertEquals("M", result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }

    @Test
    void pngWhenRenderedThenKeepsFourModuleQuietZone() throws Exception {
        QrCode code = QrCode.of(URI);
        int total = code.moduleCount() + 8;
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(code.png(total * 5)));
        int scale = image.getWidth() / total;

        assertEquals(total * scale, image.getWidth());
        for (int i = 0; i < 4 * scale; i++) {
            for (int j = 0; j < image.getWidth(); j++) {
                assertTrue(isLight(image, i, j) && isLight(image, j, i), "quiet zone must be light");
            }
        }
        assertTrue(!isLight(image, 4 * scale, 4 * scale), "finder pattern starts after the quiet zone");
    }

    @Test
    void pngDataUriWhenDecodedThenIsThePng() {
        QrCode code = QrCode.of(URI);
        String dataUri = code.pngDataUri(200);

        assertTrue(dataUri.startsWith("data:image/png;base64,"));
        byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
        assertEquals(new String(code.png(200), java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(png, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void svgWhenRasterisedThenGivesIdenticalText() throws Exception {
        String svg = QrCode.of(URI).svg(256);

        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\""));
        Result result = decode(rasterise(svg, 6));

        assertEquals(URI, result.getText());
    }

    @Test
    void ofWhenTextEmptyThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> QrCode.of(""));
    }

    @Test
    void ofWhenTextTooLongThenClearError() {
        String tooLong = "x".repeat(5000);

        assertThrows(io.github.twostep.TwoStepException.class, () -> QrCode.of(tooLong));
    }

    @Test
    void svgWhenSizeNotPositiveThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> QrCode.of(URI).svg(0));
    }

    private static boolean isLight(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
    }

    private static Result decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE));
    }

    /** Paints the SVG's viewBox-sized path of "M x y h n v1 h-n z" squares, {@code scale} pixels a module. */
    private static BufferedImage rasterise(String svg, int scale) {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find());
        int total = Integer.parseInt(box.group(1));
        BufferedImage image = new BufferedImage(total * scale, total * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(java.awt.Color.BLACK);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            int w = Integer.parseInt(square.group(3));
            g.fillRect(x * scale, y * scale, w * scale, scale);
        }
        g.dispose();
        return image;
    }
}
