package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.identity.JoinToken;
import dev.skerry.core.tls.Pem;
import dev.skerry.testsupport.TestCa;
import dev.skerry.testsupport.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mutated join tokens and CSRs: refused only with the parsers' own exceptions. */
class IdentityParsersFuzzTest {
  @Test
  @Timeout(60)
  void refusesMutatedJoinTokensOnlyWithIllegalArgument() {
    JoinToken token = JoinToken.generate("ab".repeat(32));

    Fuzz.parser("join token")
        .seeds(token.encoded(), "skerry1..", " " + token.encoded() + "\n")
        .allowing(IllegalArgumentException.class)
        .inputs(100_000)
        .run(text -> JoinToken.parse(new String(text, StandardCharsets.UTF_8)).secretHash());
  }

  @Test
  @Timeout(120)
  void refusesMutatedCsrsOnlyAsBadCsr() throws Exception {
    KeyPair keys = TestCa.ecKeyPair();
    var csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=pump-1"), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    String pem = Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());

    int refused =
        Fuzz.parser("CSR")
            .seeds(pem)
            .dictionary(java.util.List.of("-----BEGIN CERTIFICATE REQUEST-----\n", "=", "\n", "A"))
            .allowing(Csrs.BadCsrException.class)
            .inputs(3_000)
            .run(text -> Csrs.check(new String(text, StandardCharsets.UTF_8)));

    assertThat(refused).isPositive();
  }
}
