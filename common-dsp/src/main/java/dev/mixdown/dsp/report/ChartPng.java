package dev.mixdown.dsp.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;

/**
 * Writes a chart as a PNG with light compression. JFreeChart's own PNG writer takes ImageIO's
 * default, which spent twice as long deflating a 1200×500 plot (29 ms against 16 ms, best of
 * 30) for files 6 % smaller: a report's plots are written once per job and read by a person, so
 * speed wins.
 */
final class ChartPng {
    /** ImageIO's 0..1 scale, 1 being the fastest (least compressed). */
    private static final float COMPRESSION_QUALITY = 0.75f;

    private ChartPng() {
    }

    static void write(Path file, JFreeChart chart, int width, int height) throws IOException {
        BufferedImage image = chart.createBufferedImage(width, height);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(COMPRESSION_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
