package io.snakepit.node.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Python worker runtime (the {@code snakepit} package and its generated stubs), shipped inside
 * the node as resources under {@value #ROOT}/ and unpacked into the run directory at start, so that
 * one jar is all a node needs.
 */
public final class PythonRuntime {

  static final String ROOT = "snakepit-python";
  private static final String MARKER = ROOT + "/snakepit/__init__.py";

  private PythonRuntime() {}

  /** Unpacks the runtime into {@code target} and returns the directory to put on PYTHONPATH. */
  public static Path unpackInto(Path target) {
    URL marker = PythonRuntime.class.getClassLoader().getResource(MARKER);
    if (marker == null) {
      throw new IllegalStateException(
          "the Python runtime is missing from the classpath (" + MARKER + ")");
    }
    try {
      if ("jar".equals(marker.getProtocol())) {
        copyFromJar(((JarURLConnection) marker.openConnection()).getJarFile(), target);
      } else {
        copyFromDirectory(Path.of(marker.toURI()).getParent().getParent(), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the Python runtime into " + target, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad runtime location " + marker, e);
    }
    return target;
  }

  private static void copyFromJar(JarFile jar, Path target) throws IOException {
    String prefix = ROOT + "/";
    Enumeration<JarEntry> entries = jar.entries();
    while (entries.hasMoreElements()) {
      JarEntry entry = entries.nextElement();
      if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
        continue;
      }
      Path destination = target.resolve(entry.getName().substring(prefix.length()));
      Files.createDirectories(destination.getParent());
      try (InputStream in = jar.getInputStream(entry)) {
        Files.copy(in, destination);
      }
    }
  }

  private static void copyFromDirectory(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path destination = target.resolve(source.relativize(file).toString());
        Files.createDirectories(destination.getParent());
        Files.copy(file, destination);
      }
    }
  }
}
