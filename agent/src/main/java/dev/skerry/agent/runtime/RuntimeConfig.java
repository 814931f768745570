package dev.skerry.agent.runtime;

import dev.skerry.agent.registry.RegistryAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the containerd runtime needs to know about this box.
 *
 * @param socket containerd's gRPC unix socket
 * @param namespace the containerd namespace the agent owns
 * @param dataDir the agent's data directory (container logs live under it)
 * @param insecureRegistries {@code host:port} reached over plain HTTP
 * @param platform the platform whose image variant is pulled (defaults to this machine's)
 * @param allowedHostPaths host path prefixes that workloads may bind-mount
 * @param registries login and CA per registry {@code host:port}
 * @param registryCa PEM file with CAs trusted for every registry without its own, or null
 * @param storage where containerd keeps images, and the disk rules for pulls and image GC
 */
public record RuntimeConfig(
    Path socket,
    String namespace,
    Path dataDir,
    Set<String> insecureRegistries,
    Platform platform,
    List<Path> allowedHostPaths,
    Map<String, RegistryAccess> registries,
    Path registryCa,
    ImageStorage storage) {
  public RuntimeConfig {
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(dataDir, "dataDir");
    insecureRegistries = Set.copyOf(insecureRegistries);
    Objects.requireNonNull(platform, "platform");
    allowedHostPaths = List.copyOf(allowedHostPaths);
    registries = Map.copyOf(registries);
    Objects.requireNonNull(storage, "storage");
  }

  /** Anonymous registries with the system CAs and the default storage rules. */
  public RuntimeConfig(
      Path socket,
      String namespace,
      Path dataDir,
      Set<String> insecureRegistries,
      Platform platform,
      List<Path> allowedHostPaths) {
    this(
        socket,
        namespace,
        dataDir,
        insecureRegistries,
        platform,
        allowedHostPaths,
        Map.of(),
        null,
        ImageStorage.defaults());
  }

  /** The access configured for {@code registry}, or {@link RegistryAccess#NONE}. */
  public RegistryAccess access(String registry) {
    return registries.getOrDefault(registry, RegistryAccess.NONE);
  }

  /** An OCI platform; {@code variant} is empty when none applies. */
  public record Platform(String os, String architecture, String variant) {
    /** This JVM's machine, in OCI terms (amd64, arm64, arm/v7). */
    public static Platform current() {
      String arch = System.getProperty("os.arch");
      return switch (arch) {
        case "amd64", "x86_64" -> new Platform("linux", "amd64", "");
        case "aarch64", "arm64" -> new Platform("linux", "arm64", "");
        case "arm" -> new Platform("linux", "arm", "v7");
        default -> new Platform("linux", arch, "");
      };
    }

    /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64} or {@code linux/arm/v7}. */
    public static Platform parse(String text) {
      String[] parts = text.split("/");
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("platform must be os/arch[/variant]: " + text);
      }
      return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    @Override
    public String toString() {
      return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
  }
}
