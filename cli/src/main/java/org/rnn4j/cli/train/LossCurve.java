package org.rnn4j.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws training and validation loss against the step into a PNG (headless), written
 * atomically next to the model.
 *
 * <pre>{@code
 * LossCurve.write(Path.of("out/shakespeare.loss.png"), metrics.trainingCurve(), metrics.validationCurve());
 * }</pre>
 */
public final class LossCurve {

    private LossCurve() {
    }

    /** Writes the chart; does nothing when there is no point to draw. */
    public static void write(Path png, List<double[]> train, List<double[]> validation) throws IOException {
        if (train.isEmpty() && validation.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title("rnn4j training")
                .xAxisTitle("step").yAxisTitle("loss (nats per character)").build();
        if (!train.isEmpty()) {
            chart.addSeries("train", column(train, 0), column(train, 1)).setMarker(SeriesMarkers.NONE);
        }
        if (!validation.isEmpty()) {
            chart.addSeries("validation", column(validation, 0), column(validation, 1));
        }
        Path dir = png.toAbsolutePath().getParent();
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

    private static double[] column(List<double[]> points, int i) {
        double[] c = new double[points.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = points.get(k)[i];
        }
        return c;
    }
}
