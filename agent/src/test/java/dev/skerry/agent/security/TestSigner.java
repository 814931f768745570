package dev.skerry.agent.security;

import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;

/** A hub's document-signing key in a test: signs payloads, pins itself in a data dir. */
public record TestSigner(KeyPair keys) {
  public static TestSigner create() {
    try {
      return new TestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  public String sign(byte[] payload) {
    return DocumentSignature.sign(keys.getPrivate(), keys.getPublic(), payload);
  }

  public String sign(String payload) {
    return sign(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code <dataDir>/identity/signing-keys.pem} with this key (as enrollment would). */
  public void pin(Path dataDir) throws java.io.IOException {
    Files.createDirectories(dataDir.resolve(IdentityFiles.DIR));
    Files.writeString(
        dataDir.resolve(IdentityFiles.DIR).resolve("signing-keys.pem"), Pem.encode(publicKey()));
  }

  public String pem() {
    return Pem.encode(publicKey());
  }
}
