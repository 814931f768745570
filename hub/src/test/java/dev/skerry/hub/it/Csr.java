package dev.skerry.hub.it;

import dev.skerry.core.tls.Pem;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A device's key pair and PKCS#10 request, as an agent makes them. */
record Csr(KeyPair keys, String pem) {
  static Csr forId(String deviceId) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = g.generateKeyPair();
      return new Csr(keys, pem(keys, deviceId));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(KeyPair keys, String subject) {
    try {
      var csr =
          new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + subject), keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
