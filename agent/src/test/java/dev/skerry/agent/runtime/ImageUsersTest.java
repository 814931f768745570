package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ImageUsersTest {
  private static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\n"
          + "# a comment\n"
          + "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
          + "app:x:1000:2000::/home/app:/bin/sh\n";
  private static final String GROUP = "root:x:0:\nstaff:x:50:app\n";

  @Test
  void userNameGetsItsUidAndPrimaryGroup() {
    assertThat(ImageUsers.resolve("app", PASSWD, GROUP, "w"))
        .isEqualTo(new ImageUsers.Ids(1000, 2000));
  }

  @Test
  void groupNameIsLookedUpInEtcGroup() {
    assertThat(ImageUsers.resolve("www-data:staff", PASSWD, GROUP, "w"))
        .isEqualTo(new ImageUsers.Ids(33, 50));
  }

  @Test
  void numericUserWithoutGroupTakesThePrimaryGroupOfItsEntryOrZero() {
    assertThat(ImageUsers.resolve("33", PASSWD, GROUP, "w")).isEqualTo(new ImageUsers.Ids(33, 33));
    assertThat(ImageUsers.resolve("4242", PASSWD, GROUP, "w"))
        .isEqualTo(new ImageUsers.Ids(4242, 0));
    assertThat(ImageUsers.resolve("app:7", PASSWD, GROUP, "w"))
        .isEqualTo(new ImageUsers.Ids(1000, 7));
  }

  @Test
  void unknownUserOrGroupIsANotRetryableCreateFailure() {
    RuntimeFailure user =
        catchThrowableOfType(
            RuntimeFailure.class, () -> ImageUsers.resolve("ghost", PASSWD, GROUP, "web"));
    RuntimeFailure group =
        catchThrowableOfType(
            RuntimeFailure.class, () -> ImageUsers.resolve("app:ghosts", PASSWD, GROUP, "web"));
    RuntimeFailure noPasswd =
        catchThrowableOfType(
            RuntimeFailure.class, () -> ImageUsers.resolve("app", null, null, "web"));

    assertThat(user.reason()).isEqualTo("CreateFailed");
    assertThat(user.retryable()).isFalse();
    assertThat(user.getMessage())
        .isEqualTo("workload web: image user 'ghost' is not in the image's /etc/passwd");
    assertThat(group.getMessage()).contains("group 'ghosts' is not in the image's /etc/group");
    assertThat(noPasswd.getMessage()).contains("the image has no /etc/passwd");
  }

  @Test
  void numericUsersNeedNoLookUp() {
    assertThat(ImageUsers.numeric("1000")).isTrue();
    assertThat(ImageUsers.numeric("1000:50")).isTrue();
    assertThat(ImageUsers.numeric("app")).isFalse();
    assertThat(ImageUsers.numeric("1000:staff")).isFalse();
  }
}
