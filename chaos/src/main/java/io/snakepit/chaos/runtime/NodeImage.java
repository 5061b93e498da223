package io.snakepit.chaos.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * The node's image, built here from the project's own jar, since no registry can be reached: an
 * image from scratch that holds only the jar. The operating system (Java, Python with gRPC) comes
 * from the host's /usr, /etc and friends, bind-mounted read-only when a container starts; that
 * takes a second where a debootstrapped image takes minutes.
 */
final class NodeImage {

  static final String JAR = "/opt/snakepit/snakepit-node.jar";

  private NodeImage() {}

  /** Builds the image of this jar unless one exists already, and returns its tag. */
  static String of(DockerClient docker, Path nodeJar) {
    String tag = "snakepit-chaos-node:" + fingerprint(nodeJar);
    try {
      docker.inspectImageCmd(tag).exec();
      return tag;
    } catch (NotFoundException absent) {
      build(docker, nodeJar, tag);
      return tag;
    }
  }

  /** Size and modification time: a rebuilt jar gets a new image without hashing 100 MB. */
  private static String fingerprint(Path nodeJar) {
    try {
      return Long.toHexString(Files.size(nodeJar))
          + "-"
          + Long.toHexString(Files.getLastModifiedTime(nodeJar).toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the node jar " + nodeJar, e);
    }
  }

  private static void build(DockerClient docker, Path nodeJar, String tag) {
    Path context = null;
    try {
      context = Files.createTempDirectory("snakepit-node-image");
      Files.copy(nodeJar, context.resolve("snakepit-node.jar"), StandardCopyOption.COPY_ATTRIBUTES);
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM scratch\nCOPY snakepit-node.jar " + JAR + "\nWORKDIR /data\n",
          StandardCharsets.UTF_8);
      docker
          .buildImageCmd(context.toFile())
          .withTags(Set.of(tag))
          .exec(new BuildImageResultCallback())
          .awaitImageId();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the node image", e);
    } finally {
      deleteTree(context);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      if (dir != null) {
        Directories.deleteTree(dir);
      }
    } catch (IOException e) {
      // a temporary directory left behind costs nothing
    }
  }
}
