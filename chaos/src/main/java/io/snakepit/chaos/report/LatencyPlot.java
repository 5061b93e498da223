package io.snakepit.chaos.report;

import io.snakepit.chaos.fault.FaultWindow;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Latency over time as a PNG, Jepsen's favourite picture: one dot per operation at its start time
 * and its latency (log scale), coloured by outcome, over the fault windows shaded in grey.
 */
public final class LatencyPlot {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final Map<OpType, Color> COLOURS =
      Map.of(
          OpType.OK, new Color(0x2e7d32),
          OpType.FAIL, new Color(0xef6c00),
          OpType.INFO, new Color(0xc62828));

  private LatencyPlot() {}

  public static void write(List<Op> history, List<FaultWindow> faults, long startNanos, Path file)
      throws IOException {
    List<LatencySample> samples = LatencySample.of(history);
    Scale scale = Scale.fit(samples, faults, startNanos);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      drawFaults(g, faults, scale);
      drawAxes(g, scale);
      drawSamples(g, samples, scale);
      drawLegend(g);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** Maps seconds since the start and latency in ms (log) to pixels. */
  private record Scale(long startNanos, double seconds, double minLogMs, double maxLogMs) {

    static Scale fit(List<LatencySample> samples, List<FaultWindow> faults, long startNanos) {
      long end = startNanos + 1_000_000_000L;
      double maxMs = 10;
      for (LatencySample sample : samples) {
        end = Math.max(end, sample.startNanos() + sample.latencyNanos());
        maxMs = Math.max(maxMs, sample.latencyNanos() / 1e6);
      }
      for (FaultWindow window : faults) {
        end = Math.max(end, window.endNanos());
      }
      return new Scale(
          startNanos, (end - startNanos) / 1e9, Math.log10(0.1), Math.log10(maxMs * 2));
    }

    int x(long nanos) {
      double fraction = (nanos - startNanos) / 1e9 / seconds;
      return LEFT + (int) Math.round(fraction * (WIDTH - LEFT - RIGHT));
    }

    int y(double latencyMs) {
      double log = Math.log10(Math.max(latencyMs, Math.pow(10, minLogMs)));
      double fraction = (log - minLogMs) / (maxLogMs - minLogMs);
      return HEIGHT - BOTTOM - (int) Math.round(fraction * (HEIGHT - TOP - BOTTOM));
    }
  }

  private static void drawFaults(Graphics2D g, List<FaultWindow> faults, Scale scale) {
    int row = 0;
    for (FaultWindow window : faults) {
      int x0 = scale.x(window.startNanos());
      int x1 = Math.max(x0 + 1, scale.x(window.endNanos()));
      g.setColor(new Color(0xe0e0e0));
      g.fillRect(x0, TOP, x1 - x0, HEIGHT - TOP - BOTTOM);
      g.setColor(Color.DARK_GRAY);
      g.drawString(window.description(), x0 + 2, TOP - 4 - 12 * (row++ % 2));
    }
  }

  private static void drawAxes(Graphics2D g, Scale scale) {
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1));
    g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
    int step = Math.max(1, (int) Math.ceil(scale.seconds() / 20));
    for (int s = 0; s <= scale.seconds(); s += step) {
      int x = scale.x(scale.startNanos() + s * 1_000_000_000L);
      g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4);
      g.drawString(s + "s", x - 8, HEIGHT - BOTTOM + 16);
    }
    for (double ms = 0.1; ms <= Math.pow(10, scale.maxLogMs()); ms *= 10) {
      int y = scale.y(ms);
      g.drawLine(LEFT - 4, y, LEFT, y);
      g.drawString(ms < 1 ? "0.1 ms" : (long) ms + " ms", 8, y + 4);
    }
    g.drawString("time since the clients started", WIDTH / 2 - 80, HEIGHT - 12);
  }

  private static void drawSamples(Graphics2D g, List<LatencySample> samples, Scale scale) {
    for (LatencySample sample : samples) {
      g.setColor(COLOURS.getOrDefault(sample.type(), Color.BLACK));
      int x = scale.x(sample.startNanos());
      int y = scale.y(sample.latencyNanos() / 1e6);
      g.fillRect(x - 1, y - 1, 3, 3);
    }
  }

  private static void drawLegend(Graphics2D g) {
    int x = WIDTH - RIGHT - 260;
    for (OpType type : List.of(OpType.OK, OpType.FAIL, OpType.INFO)) {
      g.setColor(COLOURS.get(type));
      g.fillRect(x, TOP + 6, 8, 8);
      g.setColor(Color.BLACK);
      g.drawString(type.keyword().name(), x + 12, TOP + 14);
      x += 60;
    }
    g.setColor(new Color(0xe0e0e0));
    g.fillRect(x, TOP + 6, 8, 8);
    g.setColor(Color.BLACK);
    g.drawString("fault", x + 12, TOP + 14);
  }
}
