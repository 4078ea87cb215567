package io.github.twostep.internal.qr;

/**
 * Writes a {@link QrCode} as SVG: one path of unit squares in a viewBox measured in modules,
 * so the browser scales it crisply to any size. The text holds nothing but numbers, so no
 * escaping is needed.
 */
final class SvgRenderer {
    private SvgRenderer() {
    }

    static String render(QrCode code, int sizePixels) {
        if (sizePixels <= 0) {
            throw new IllegalArgumentException("size must be positive: " + sizePixels);
        }
        int total = code.totalModules();
        StringBuilder path = new StringBuilder(total * total * 4);
        for (int y = 0; y < total; y++) {
            int x = 0;
            while (x < total) {
                if (!code.isDark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < total && code.isDark(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + sizePixels + "\" height=\""
                + sizePixels + "\" viewBox=\"0 0 " + total + " " + total
                + "\" shape-rendering=\"crispEdges\" role=\"img\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
