package dev.skerry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JoinTokenTest {
  private static final String CA = "ab".repeat(32);

  @Test
  void aGeneratedTokenParsesBackToItself() {
    JoinToken t = JoinToken.generate(CA);
    assertThat(JoinToken.parse("  " + t.encoded() + "\n")).isEqualTo(t);
    assertThat(t.encoded()).startsWith("skerry1." + CA + ".");
  }

  @Test
  void twoTokensNeverShareASecret() {
    assertThat(JoinToken.generate(CA).secretHash())
        .isNotEqualTo(JoinToken.generate(CA).secretHash());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    JoinToken t = JoinToken.generate(CA);
    assertThat(t.toString()).doesNotContain(t.secret());
  }

  @Test
  void refusesWhatIsNotAToken() {
    assertThatThrownBy(() -> JoinToken.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> JoinToken.parse("hello"))
        .hasMessageContaining("not a Skerry join token");
    assertThatThrownBy(() -> JoinToken.parse("skerry1.xyz." + "a".repeat(43)))
        .hasMessageContaining("fingerprint");
    assertThatThrownBy(() -> JoinToken.parse("skerry1." + CA + ".short"))
        .hasMessageContaining("secret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
  }
}
