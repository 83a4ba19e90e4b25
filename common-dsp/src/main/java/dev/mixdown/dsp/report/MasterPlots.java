package dev.mixdown.dsp.report;

import dev.mixdown.dsp.analysis.ProgramAnalyzer;
import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * PNG plots a person would rather look at than read (JFreeChart, headless): the waveform before
 * and after, short-term loudness over time with the target line, and the third-octave spectrum
 * before and after.
 */
public final class MasterPlots {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 500;
    private static final Color BEFORE = new Color(0x8899AA);
    private static final Color AFTER = new Color(0xD2691E);

    private MasterPlots() {
    }

    /** Writes waveform.png, loudness.png and spectrum.png into {@code dir}. */
    public static void write(Path dir, ProgramAnalyzer before, ProgramAnalyzer after, double targetLufs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        ChartPng.write(dir.resolve("waveform.png"), waveform(before, after), WIDTH, HEIGHT);
        ChartPng.write(dir.resolve("loudness.png"), loudness(before, after, targetLufs), WIDTH, HEIGHT);
        ChartPng.write(dir.resolve("spectrum.png"), spectrum(before, after), WIDTH, HEIGHT);
    }

    /** The waveform of one program. */
    static JFreeChart waveform(ProgramAnalyzer a) {
        NumberAxis time = new NumberAxis("time (s)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(envelopePlot("mix", a, AFTER));
        JFreeChart chart = new JFreeChart("Waveform", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The third-octave spectrum of one program. */
    static JFreeChart spectrum(ProgramAnalyzer a) {
        JFreeChart chart = spectrum(a, a);
        ((XYSeriesCollection) chart.getXYPlot().getDataset()).removeSeries(0);
        chart.getXYPlot().getRenderer().setSeriesPaint(0, AFTER);
        chart.setTitle("Spectrum");
        return chart;
    }

    static JFreeChart waveform(ProgramAnalyzer before, ProgramAnalyzer after) {
        NumberAxis time = new NumberAxis("time (s)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(envelopePlot("before", before, BEFORE));
        plot.add(envelopePlot("after", after, AFTER));
        JFreeChart chart = new JFreeChart("Waveform before and after", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot envelopePlot(String name, ProgramAnalyzer a, Color color) {
        YIntervalSeries s = new YIntervalSeries(name);
        float[] hi = a.waveformMax();
        float[] lo = a.waveformMin();
        double step = a.secondsPerBin();
        for (int i = 0; i < hi.length; i++) {
            s.add(i * step, 0, lo[i], hi[i]);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        DeviationRenderer r = new DeviationRenderer(false, false);
        r.setSeriesFillPaint(0, color);
        r.setSeriesPaint(0, color);
        r.setAlpha(1.0f);
        NumberAxis amp = new NumberAxis(name);
        amp.setRange(-1.05, 1.05);
        XYPlot p = new XYPlot(data, null, amp, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    static JFreeChart loudness(ProgramAnalyzer before, ProgramAnalyzer after, double targetLufs) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("before (short-term)", before.shortTermLufs()));
        data.addSeries(series("after (short-term)", after.shortTermLufs()));
        NumberAxis x = new NumberAxis("time (s)");
        NumberAxis y = new NumberAxis("LUFS");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, BEFORE);
        r.setSeriesPaint(1, AFTER);
        r.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot p = new XYPlot(data, x, y, r);
        ValueMarker target = new ValueMarker(targetLufs, new Color(0x2E8B57), new BasicStroke(1.5f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        target.setLabel(String.format("target %.1f LUFS", targetLufs));
        target.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        target.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        p.addRangeMarker(target);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Short-term loudness (3 s) with the target", JFreeChart.DEFAULT_TITLE_FONT, p, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYSeries series(String name, double[] lufsEvery100ms) {
        XYSeries s = new XYSeries(name);
        for (int i = 0; i < lufsEvery100ms.length; i++) {
            if (lufsEvery100ms[i] > -70) {
                s.add((i + 30) * 0.1, lufsEvery100ms[i]);
            }
        }
        return s;
    }

    static JFreeChart spectrum(ProgramAnalyzer before, ProgramAnalyzer after) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(bands("before", before.spectrumDb()));
        data.addSeries(bands("after", after.spectrumDb()));
        LogarithmicAxis x = new LogarithmicAxis("frequency (Hz), third-octave bands");
        x.setRange(20, 22_000);
        NumberAxis y = new NumberAxis("band level (dBFS)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, BEFORE);
        r.setSeriesPaint(1, AFTER);
        r.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot p = new XYPlot(data, x, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Spectrum before and after", JFreeChart.DEFAULT_TITLE_FONT, p, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYSeries bands(String name, double[] db) {
        XYSeries s = new XYSeries(name);
        for (int b = 0; b < db.length; b++) {
            if (!Double.isNaN(db[b]) && db[b] > -120) {
                s.add(ThirdOctaveSpectrum.CENTERS_HZ[b], db[b]);
            }
        }
        return s;
    }
}
