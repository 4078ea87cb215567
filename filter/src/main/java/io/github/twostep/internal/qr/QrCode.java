package io.github.twostep.internal.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.github.twostep.TwoStepException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * A QR code for one text (usually an {@code otpauth://} URI), rendered as PNG or SVG.
 *
 * <p>Error correction is level M (15% of the symbol may be damaged), which authenticator apps
 * read reliably from screens; the symbol is surrounded by the four-module quiet zone the QR
 * standard asks for. The size given is the width and height in pixels; the modules are scaled
 * by a whole number so that every module has the same size and edges stay sharp.
 */
public final class QrCode {
    static final int QUIET_ZONE_MODULES = 4;

    private final BitMatrix modules;

    private QrCode(BitMatrix modules) {
        this.modules = modules;
    }

    /** Encodes {@code text} (UTF-8) with error correction level M. */
    public static QrCode of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs a non-empty text");
        }
        Map<EncodeHintType, Object> hints = Map.of(
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                EncodeHintType.MARGIN, 0);
        try {
            return new QrCode(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints));
        } catch (WriterException e) {
            throw new TwoStepException("the text is too long for a QR code", e);
        }
    }

    /** Number of modules per side, without the quiet zone. */
    public int moduleCount() {
        return modules.getWidth();
    }

    /** Number of modules per side, quiet zone included. */
    int totalModules() {
        return moduleCount() + 2 * QUIET_ZONE_MODULES;
    }

    /** Whether the module at ({@code x}, {@code y}) is dark; the quiet zone counts as light. */
    boolean isDark(int x, int y) {
        int mx = x - QUIET_ZONE_MODULES;
        int my = y - QUIET_ZONE_MODULES;
        return mx >= 0 && my >= 0 && mx < moduleCount() && my < moduleCount() && modules.get(mx, my);
    }

    /** A PNG image about {@code sizePixels} wide and high (never smaller than one pixel per module). */
    public byte[] png(int sizePixels) {
        return PngRenderer.render(this, sizePixels);
    }

    /** The PNG as a {@code data:image/png;base64,...} URI for an {@code <img src>}. */
    public String pngDataUri(int sizePixels) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(sizePixels));
    }

    /** An SVG document {@code sizePixels} wide and high that scales without loss. */
    public String svg(int sizePixels) {
        return SvgRenderer.render(this, sizePixels);
    }
}
