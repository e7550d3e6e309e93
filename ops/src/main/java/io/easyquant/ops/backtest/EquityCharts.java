package io.easyquant.ops.backtest;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.IntToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * The report's charts, drawn with XChart into PNG bytes off screen (AWT headless).
 *
 * <p>A curve longer than {@link #MAX_POINTS} is thinned for drawing: the time axis is cut into equal runs of samples
 * and each run keeps its lowest and highest point, so peaks and troughs stay visible. The files keep every sample.
 */
final class EquityCharts
{
    static
    {
        // before any AWT class decides: the report is drawn on servers and in CI without a display
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Most points drawn per chart.
     */
    static final int MAX_POINTS = 2000;

    static final int WIDTH = 1000;
    static final int HEIGHT = 340;

    private static final Color LINE = new Color(0x1f, 0x5f, 0xa8);
    private static final Color DRAWDOWN = new Color(0xc0, 0x39, 0x2b);
    private static final Color GRID = new Color(0xe3, 0xe3, 0xe3);

    private EquityCharts()
    {
    }

    /**
     * @param curve    at least one sample.
     * @param currency the quote currency, for the axis title.
     * @return the equity chart as PNG bytes.
     */
    static byte[] equityPng(final EquityCurve curve, final String currency)
    {
        final XYChart chart = chart("Equity", "equity (" + currency + ")");
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        final XYSeries series = add(chart, "equity", curve, i -> curve.equityCash(i) / 1e8);
        series.setLineColor(LINE);
        return png(chart);
    }

    /**
     * @param curve at least one sample.
     * @return the drawdown chart (negative percent of the running peak) as PNG bytes.
     */
    static byte[] drawdownPng(final EquityCurve curve)
    {
        final XYChart chart = chart("Drawdown", "drawdown (%)");
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisMax(0.0);
        final XYSeries series = add(chart, "drawdown", curve, i -> -100.0 * curve.drawdown(i));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        series.setLineColor(DRAWDOWN);
        series.setFillColor(new Color(0xc0, 0x39, 0x2b, 0x55));
        return png(chart);
    }

    /**
     * Indexes of the samples to draw, in time order: all of them up to {@code maxPoints}, else the lowest and the
     * highest value of each of {@code maxPoints / 2} equal runs.
     */
    static int[] thin(final int size, final int maxPoints, final IntToDoubleFunction value)
    {
        if (size <= maxPoints)
        {
            final int[] all = new int[size];
            for (int i = 0; i < size; i++)
            {
                all[i] = i;
            }
            return all;
        }
        final int runs = maxPoints / 2;
        final int[] picked = new int[2 * runs];
        int count = 0;
        for (int run = 0; run < runs; run++)
        {
            final int from = (int)((long)run * size / runs);
            final int to = (int)((long)(run + 1) * size / runs);
            int low = from;
            int high = from;
            double lowValue = value.applyAsDouble(from);
            double highValue = lowValue;
            for (int i = from + 1; i < to; i++)
            {
                final double v = value.applyAsDouble(i);
                if (v < lowValue)
                {
                    low = i;
                    lowValue = v;
                }
                if (v > highValue)
                {
                    high = i;
                    highValue = v;
                }
            }
            picked[count++] = Math.min(low, high);
            if (low != high)
            {
                picked[count++] = Math.max(low, high);
            }
        }
        return Arrays.copyOf(picked, count);
    }

    private static XYChart chart(final String title, final String yTitle)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("time (UTC)").yAxisTitle(yTitle).build();
        final XYStyler styler = chart.getStyler();
        styler.setLocale(Locale.ROOT);
        styler.setTimezone(TimeZone.getTimeZone("UTC"));
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(GRID);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
        styler.setMarkerSize(0);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    private static XYSeries add(
        final XYChart chart, final String name, final EquityCurve curve, final IntToDoubleFunction value)
    {
        final int[] indexes = thin(curve.size(), MAX_POINTS, value);
        final List<Date> x = new ArrayList<>(indexes.length);
        final List<Double> y = new ArrayList<>(indexes.length);
        for (final int i : indexes)
        {
            x.add(new Date(Math.floorDiv(curve.timeNs(i), 1_000_000L)));
            y.add(value.applyAsDouble(i));
        }
        final XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    private static byte[] png(final XYChart chart)
    {
        // XChart 4 deprecates BitmapEncoder's byte and stream savers: it still draws the image, ImageIO encodes it
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try
        {
            ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out);
            return out.toByteArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
