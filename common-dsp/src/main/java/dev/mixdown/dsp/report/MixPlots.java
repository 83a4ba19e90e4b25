package dev.mixdown.dsp.report;

import dev.mixdown.dsp.analysis.ProgramAnalyzer;
import dev.mixdown.dsp.mix.MixReport;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG plots of a mix: each stem's loudness before and in the mix, the mix's spectrum and its waveform. */
public final class MixPlots {
    private MixPlots() {
    }

    public static void write(Path dir, List<MixReport.Stem> stems, ProgramAnalyzer mix) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (MixReport.Stem s : stems) {
            String name = Path.of(s.file()).getFileName().toString() + " (" + s.role() + ")";
            if (s.loudnessBeforeLufs() != null) {
                data.addValue(s.loudnessBeforeLufs(), "as given", name);
            }
            if (s.loudnessInMixLufs() != null) {
                data.addValue(s.loudnessInMixLufs(), "in the mix", name);
            }
        }
        JFreeChart bars = ChartFactory.createBarChart("Stem loudness where each plays (LUFS)", null, "LUFS", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        bars.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = bars.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer()).setBase(-70);
        plot.getRangeAxis().setRange(-70, 0);
        plot.getRenderer().setSeriesPaint(0, new Color(0x8899AA));
        plot.getRenderer().setSeriesPaint(1, new Color(0xD2691E));
        ChartPng.write(dir.resolve("stems.png"), bars, 1200, Math.max(400, 60 + 40 * stems.size()));
        ChartPng.write(dir.resolve("spectrum.png"), MasterPlots.spectrum(mix), 1200, 500);
        ChartPng.write(dir.resolve("waveform.png"), MasterPlots.waveform(mix), 1200, 500);
    }
}
