package dev.skerry.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468) to and from the JDK's key and certificate types: X.509 certificates, PKCS#8
 * private keys ({@code PRIVATE KEY}) and X.509 public keys ({@code PUBLIC KEY}) of the algorithms
 * Skerry uses (EC, Ed25519, RSA). Pure JDK, so the agent loads no crypto library for it.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);
  private static final String[] KEY_ALGORITHMS = {"EC", "Ed25519", "RSA"};

  private Pem() {}

  /** One PEM block: its label (e.g. {@code CERTIFICATE}) and its DER bytes. */
  public record Block(String label, byte[] der) {}

  /** Every block in {@code text}, in order. */
  public static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  /** A block as PEM text, 64 columns, with a trailing newline. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  public static String encode(X509Certificate cert) {
    try {
      return encode("CERTIFICATE", cert.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  public static String encode(PrivateKey key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  public static String encode(PublicKey key) {
    return encode("PUBLIC KEY", key.getEncoded());
  }

  /** Every certificate in {@code text}; at least one, or a {@link PemException}. */
  public static List<X509Certificate> certificates(String text) {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(text)) {
        if (b.label().equals("CERTIFICATE")) {
          certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new PemException("not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new PemException("no CERTIFICATE block found");
    }
    return certs;
  }

  /** The first certificate in {@code text}. */
  public static X509Certificate certificate(String text) {
    return certificates(text).get(0);
  }

  /** The PKCS#8 private key in {@code text} (label {@code PRIVATE KEY}). */
  public static PrivateKey privateKey(String text) {
    for (Block b : blocks(text)) {
      if (b.label().equals("PRIVATE KEY")) {
        for (String alg : KEY_ALGORITHMS) {
          try {
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(b.der()));
          } catch (GeneralSecurityException e) {
            // try the next algorithm
          }
        }
        throw new PemException("PRIVATE KEY of an unsupported algorithm (EC, Ed25519, RSA)");
      }
      if (b.label().endsWith("PRIVATE KEY")) {
        throw new PemException(
            "a '" + b.label() + "' block: convert it to PKCS#8 ('openssl pkcs8 -topk8 -nocrypt')");
      }
    }
    throw new PemException("no PRIVATE KEY block found");
  }

  /** The X.509 SubjectPublicKeyInfo in {@code text} (label {@code PUBLIC KEY}). */
  public static PublicKey publicKey(String text) {
    for (Block b : blocks(text)) {
      if (b.label().equals("PUBLIC KEY")) {
        return publicKey(b.der());
      }
    }
    throw new PemException("no PUBLIC KEY block found");
  }

  /** A public key from its X.509 SubjectPublicKeyInfo bytes. */
  public static PublicKey publicKey(byte[] spki) {
    for (String alg : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new PemException("PUBLIC KEY of an unsupported algorithm (EC, Ed25519, RSA)");
  }

  /** Reads a file as PEM text; a missing or unreadable file is a {@link PemException}. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PemException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A PEM file or text that cannot be used; the message says why. */
  public static final class PemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
      super(message);
    }

    public PemException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
