package dev.skerry.hub.security;

import dev.skerry.core.tls.Pem;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Reads and checks a device's PKCS#10 certificate request: parsable, self-signature valid (proof
 * that the sender holds the key), ECDSA P-256 or Ed25519, subject {@code CN=<device id>} with a
 * valid, unreserved id. Pure.
 */
public final class Csrs {
  /** Ids that fit in one MQTT topic level and are safe in file names and URLs. */
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** Ids of this prefix belong to the hub's own MQTT clients. */
  public static final String RESERVED_PREFIX = "skerry-hub";

  private Csrs() {}

  /** A checked request. */
  public record Request(String deviceId, PublicKey publicKey) {}

  /** Why a request is refused; the message is for the device's operator. */
  public static final class BadCsrException extends IllegalArgumentException {
    public BadCsrException(String message) {
      super(message);
    }
  }

  /** Parses and checks {@code pem}. */
  public static Request check(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new BadCsrException("csr is missing");
    }
    List<Pem.Block> blocks;
    try {
      blocks = Pem.blocks(pem);
    } catch (IllegalArgumentException e) {
      throw new BadCsrException("csr is not PEM: " + e.getMessage());
    }
    Pem.Block block =
        blocks.stream()
            .filter(b -> b.label().equals("CERTIFICATE REQUEST"))
            .findFirst()
            .orElseThrow(() -> new BadCsrException("csr has no CERTIFICATE REQUEST block"));
    JcaPKCS10CertificationRequest csr;
    PublicKey key;
    try {
      csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(block.der()));
      key = csr.getPublicKey();
    } catch (Exception e) {
      throw new BadCsrException("csr cannot be parsed: " + e.getMessage());
    }
    boolean p256 =
        key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
    boolean ed25519 = "Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm());
    if (!p256 && !ed25519) {
      throw new BadCsrException(
          "csr key " + key.getAlgorithm() + " is not supported (ECDSA P-256 or Ed25519)");
    }
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new BadCsrException("csr self-signature does not verify");
      }
    } catch (BadCsrException e) {
      throw e;
    } catch (Exception e) {
      throw new BadCsrException("csr self-signature cannot be checked: " + e.getMessage());
    }
    RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw new BadCsrException("csr subject must be exactly CN=<device id>");
    }
    String id = IETFUtils.valueToString(cns[0].getFirst().getValue());
    checkId(id);
    return new Request(id, key);
  }

  /** Refuses invalid and reserved device ids. */
  public static void checkId(String id) {
    if (!DEVICE_ID.matcher(id).matches()) {
      throw new BadCsrException(
          "device id '"
              + id
              + "' is not valid (letters, digits, '.', '_', '-'; at most 63; no leading symbol)");
    }
    if (id.toLowerCase(java.util.Locale.ROOT).startsWith(RESERVED_PREFIX)) {
      throw new BadCsrException("device id '" + id + "' is reserved for the hub");
    }
  }

  /** The CN of an RFC 2253 name, or null. */
  public static String commonName(String rfc2253) {
    try {
      for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  /** The OU of an RFC 2253 name, or null. */
  public static String organizationalUnit(String rfc2253) {
    try {
      for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("OU")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }
}
