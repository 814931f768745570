package dev.skerry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.hub.fleet.DeviceQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceListParamsTest {
  @Test
  void defaultsToTheFirstPageOf500OfEveryDevice() {
    DeviceQuery q = DeviceListParams.parse(Map.of());

    assertThat(q.limit()).isEqualTo(500);
    assertThat(q.afterId()).isNull();
    assertThat(q.online()).isEmpty();
    assertThat(q.selector().isEmpty()).isTrue();
  }

  @Test
  void readsSelectorStateLimitAndAContinuationItIssued() {
    DeviceQuery q =
        DeviceListParams.parse(
            Map.of(
                "labelSelector", List.of("site=a,!gpu"),
                "state", List.of("offline"),
                "limit", List.of("1000"),
                "continue", List.of(DeviceListParams.token("dev-7"))));

    assertThat(q.selector().requirements()).hasSize(2);
    assertThat(q.online()).isEqualTo(Optional.of(false));
    assertThat(q.limit()).isEqualTo(1000);
    assertThat(q.afterId()).isEqualTo("dev-7");
  }

  @Test
  void listsEveryBadParameterAtOnce() {
    assertThatThrownBy(
            () ->
                DeviceListParams.parse(
                    Map.of(
                        "labelSelector", List.of("a=b=c"),
                        "state", List.of("asleep"),
                        "limit", List.of("1001"),
                        "continue", List.of("%%%"))))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("invalid");
              assertThat(e.details())
                  .hasSize(4)
                  .anyMatch(d -> d.startsWith("labelSelector: invalid label selector"))
                  .contains("state: 'asleep' must be online or offline")
                  .contains("limit: 1001 must be between 1 and 1000")
                  .anyMatch(d -> d.startsWith("continue: not a token"));
            });
  }

  @Test
  void refusesAZeroOrNonNumericLimitAndARepeatedParameter() {
    assertThatThrownBy(() -> DeviceListParams.parse(Map.of("limit", List.of("0"))))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> assertThat(e.details()).containsExactly("limit: 0 must be between 1 and 1000"));
    assertThatThrownBy(() -> DeviceListParams.parse(Map.of("limit", List.of("ten"))))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> assertThat(e.details()).containsExactly("limit: 'ten' is not a number"));
    assertThatThrownBy(() -> DeviceListParams.parse(Map.of("state", List.of("online", "offline"))))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> assertThat(e.details()).containsExactly("state: given more than once"));
  }
}
