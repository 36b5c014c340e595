package org.rnn4j.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.models.forecast.SeriesTable;

/**
 * Draws a series' recent history, the model's one-step-ahead forecasts over it and the forecast
 * beyond its end into a PNG (headless), written atomically. The x axis counts data rows.
 *
 * <pre>{@code
 * ForecastPlot.write(Path.of("next.png"), data, data.rows() - 120, origins, oneStepForecasts, forecast);
 * }</pre>
 */
public final class ForecastPlot {

    private ForecastPlot() {
    }

    /**
     * @param from     first history row drawn
     * @param origins  origins of {@code oneStep} (forecast of row {@code origin + 1} is {@code oneStep[i][0]})
     * @param forecast the values after the last row
     */
    public static void write(Path png, SeriesTable data, int from, int[] origins, float[][] oneStep, float[] forecast)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(450).title("rnn4j forecast: " + data.targetName())
                .xAxisTitle("row" + (data.dates() == null ? "" : " (last: " + data.dates().get(data.rows() - 1) + ")"))
                .yAxisTitle(data.targetName()).build();
        int n = data.rows() - from;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i + 1;
            y[i] = data.value(from + i, 0);
        }
        chart.addSeries("history", x, y).setMarker(SeriesMarkers.NONE);
        if (origins.length > 0) {
            double[] ox = new double[origins.length];
            double[] oy = new double[origins.length];
            for (int i = 0; i < origins.length; i++) {
                ox[i] = origins[i] + 2;
                oy[i] = oneStep[i][0];
            }
            chart.addSeries("one step ahead", ox, oy).setMarker(SeriesMarkers.NONE);
        }
        double[] fx = new double[forecast.length + 1];
        double[] fy = new double[forecast.length + 1];
        fx[0] = data.rows();
        fy[0] = data.value(data.rows() - 1, 0);
        for (int k = 0; k < forecast.length; k++) {
            fx[k + 1] = data.rows() + k + 1;
            fy[k + 1] = forecast[k];
        }
        chart.addSeries("forecast", fx, fy);
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + png.getFileName(), ".tmp");
        try {
            BitmapEncoder.saveBitmap(chart, temp.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
            Path written = Path.of(temp + (temp.toString().endsWith(".png") ? "" : ".png"));
            Files.move(written, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
            Files.deleteIfExists(Path.of(temp + ".png"));
        }
    }
}
