package dev.skerry.agent.security;

import dev.skerry.core.tls.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device's identity on disk, {@code <data-dir>/identity/}: {@code device.key} (PKCS#8 PEM,
 * 0600), {@code device.crt}, {@code ca.crt}, {@code signing-keys.pem} (the hub's document-signing
 * public keys), {@code mqtt-url} (the broker the hub named at enrollment) and {@code hub-api} (the
 * HTTPS address enrolled with, where an expired certificate is renewed). Every file is written to a
 * temporary file, synced and renamed, {@code device.crt} last: a crash leaves the old identity or
 * the new one, and an identity exists exactly when {@code device.crt} does.
 */
public final class IdentityFiles {
  public static final String DIR = "identity";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private final Path dir;

  public IdentityFiles(Path dataDir) {
    this.dir = dataDir.resolve(DIR);
  }

  public Path dir() {
    return dir;
  }

  public boolean exists() {
    return Files.isRegularFile(dir.resolve("device.crt"));
  }

  /** The stored identity, if the device enrolled. */
  public Optional<DeviceIdentity> load() {
    if (!exists()) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceIdentity(
            Pem.privateKey(Pem.read(dir.resolve("device.key"))),
            Pem.certificate(Pem.read(dir.resolve("device.crt"))),
            Pem.certificate(Pem.read(dir.resolve("ca.crt")))));
  }

  /** The device id in {@code <dataDir>/identity/device.crt}, if there is one. */
  public static Optional<String> storedDeviceId(Path dataDir) {
    Path crt = dataDir.resolve(DIR).resolve("device.crt");
    if (!Files.isRegularFile(crt)) {
      return Optional.empty();
    }
    return Optional.of(DeviceIdentity.commonName(Pem.certificate(Pem.read(crt))));
  }

  /** The pinned document-signing keys; empty if none are pinned. */
  public List<PublicKey> signingKeys() {
    Path f = dir.resolve("signing-keys.pem");
    if (!Files.isRegularFile(f)) {
      return List.of();
    }
    List<PublicKey> keys = new ArrayList<>();
    for (Pem.Block b : Pem.blocks(Pem.read(f))) {
      if (b.label().equals("PUBLIC KEY")) {
        keys.add(Pem.publicKey(b.der()));
      }
    }
    return List.copyOf(keys);
  }

  /** The broker URL the hub gave at enrollment, if any. */
  public Optional<URI> mqttUrl() {
    Path f = dir.resolve("mqtt-url");
    try {
      return Files.isRegularFile(f)
          ? Optional.of(URI.create(Files.readString(f, StandardCharsets.UTF_8).strip()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hub API the device enrolled with, if stored. */
  public Optional<URI> hubApi() {
    Path f = dir.resolve("hub-api");
    try {
      return Files.isRegularFile(f)
          ? Optional.of(URI.create(Files.readString(f, StandardCharsets.UTF_8).strip()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores the hub API address (after enrollment). */
  public void saveHubApi(URI hubApi) {
    writeAll(Map.of("hub-api", hubApi + "\n"));
  }

  /** Stores a whole identity, as enrollment returns it. */
  public void save(DeviceIdentity identity, List<PublicKey> signingKeys, URI mqttUrl) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("ca.crt", Pem.encode(identity.ca()));
    files.put("signing-keys.pem", pemKeys(signingKeys));
    if (mqttUrl != null) {
      files.put("mqtt-url", mqttUrl + "\n");
    }
    files.put("device.key", Pem.encode(identity.key()));
    files.put("device.crt", Pem.encode(identity.certificate()));
    writeAll(files);
  }

  /** Replaces the certificate (renewal; same key). */
  public void saveCertificate(java.security.cert.X509Certificate certificate) {
    writeAll(Map.of("device.crt", Pem.encode(certificate)));
  }

  /** Replaces the pinned signing keys (rotation). */
  public void saveSigningKeys(List<PublicKey> keys) {
    writeAll(Map.of("signing-keys.pem", pemKeys(keys)));
  }

  private static String pemKeys(List<PublicKey> keys) {
    StringBuilder sb = new StringBuilder();
    keys.forEach(k -> sb.append(Pem.encode(k)));
    return sb.toString();
  }

  private void writeAll(Map<String, String> files) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      Map<String, Path> temps = new LinkedHashMap<>();
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path tmp = dir.resolve("." + f.getKey() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(
                f.getKey().endsWith(".key") ? OWNER_ONLY : READABLE));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(f.getValue().getBytes(StandardCharsets.US_ASCII)));
          ch.force(true);
        }
        temps.put(f.getKey(), tmp);
      }
      for (Map.Entry<String, Path> t : temps.entrySet()) {
        move(t.getValue(), dir.resolve(t.getKey()));
      }
      syncDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the identity in " + dir, e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the renames durable too (Linux: fsync on the directory). */
  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems refuse to sync a directory; the files themselves are synced
    }
  }
}
