package dev.skerry.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void hidesAPasswordParameterWhereverItStands() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?password=p&user=u"))
        .isEqualTo("jdbc:postgresql://h/db?password=***&user=u");
    assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=u&PASSWORD=p"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&PASSWORD=***");
  }

  @Test
  void hidesThePasswordOfUserInfo() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://u:p@h:5432/db"))
        .isEqualTo("jdbc:postgresql://u:***@h:5432/db");
  }

  @Test
  void leavesAUrlWithoutPasswordAlone() {
    assertThat(JdbcUrls.redact("jdbc:sqlite:/data/hub.db")).isEqualTo("jdbc:sqlite:/data/hub.db");
  }
}
