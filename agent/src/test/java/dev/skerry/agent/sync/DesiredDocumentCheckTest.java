package dev.skerry.agent.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.sync.DesiredDocumentCheck.Accepted;
import dev.skerry.agent.sync.DesiredDocumentCheck.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesiredDocumentCheckTest {
  private final DesiredDocumentCheck check = new DesiredDocumentCheck("dev1");

  static String doc(String v, String device, long revision, String workloads) {
    return "{\"v\":"
        + v
        + ",\"deviceId\":\""
        + device
        + "\",\"revision\":"
        + revision
        + ",\"issuedAt\":\"2026-11-27T00:00:00Z\",\"workloads\":["
        + workloads
        + "]}";
  }

  static String workload(String name, String image) {
    return "{\"deployment\":\"d\",\"revision\":1,\"spec\":{\"name\":\""
        + name
        + "\",\"image\":\""
        + image
        + "\"}}";
  }

  private DesiredDocumentCheck.Verdict verdict(String json) {
    return check.check(json.getBytes(UTF_8));
  }

  @Test
  void acceptsAValidDocumentIgnoringUnknownFields() {
    String json =
        doc("1", "dev1", 4, workload("web", "img:1")).replace("{\"v\"", "{\"future\":true,\"v\"");
    assertThat(verdict(json))
        .isInstanceOfSatisfying(
            Accepted.class, a -> assertThat(a.document().revision()).isEqualTo(4));
  }

  @Test
  void acceptsAnEmptyWorkloadList() {
    assertThat(verdict(doc("1", "dev1", 2, ""))).isInstanceOf(Accepted.class);
  }

  @Test
  void rejectsOversizedPayloadsBeforeParsing() {
    byte[] big = new byte[DesiredDocumentCheck.MAX_BYTES + 1];
    assertThat(check.check(big))
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).startsWith("oversized"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json|{not json|malformed JSON",
        "array|[1,2]|not a JSON object",
        "no version|{\"deviceId\":\"dev1\",\"revision\":1}|no protocol version",
        "version 2|"
            + "{\"v\":2,\"deviceId\":\"dev1\",\"revision\":1}|unsupported protocol version v=2",
        "version as text|{\"v\":\"1\",\"deviceId\":\"dev1\",\"revision\":1}|no protocol version",
        "other device|{\"v\":1,\"deviceId\":\"dev2\",\"revision\":1}|for device 'dev2'",
        "zero revision|{\"v\":1,\"deviceId\":\"dev1\",\"revision\":0}|revision must be positive",
        "revision as object|{\"v\":1,\"deviceId\":\"dev1\",\"revision\":{}}|malformed document",
      })
  void rejectsBadDocuments(String what, String json, String reason) {
    assertThat(verdict(json))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains(reason));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad name|Web_1|img|workloads[0].spec.name: 'Web_1' must be 1-63",
        "no image|web| |workloads[0].spec.image: required",
        "bad image|web|UPPER CASE::bad|workloads[0].spec.image: invalid image reference",
      })
  void rejectsBadWorkloads(String what, String name, String image, String reason) {
    assertThat(verdict(doc("1", "dev1", 1, workload(name, image == null ? "" : image))))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains(reason));
  }

  @Test
  void rejectsDuplicateNamesAndUnknownPolicies() {
    assertThat(verdict(doc("1", "dev1", 1, workload("a", "i") + "," + workload("a", "j"))))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("twice"));
    String sometimes =
        workload("a", "i").replace("\"image\"", "\"restartPolicy\":\"sometimes\",\"image\"");
    assertThat(verdict(doc("1", "dev1", 1, sometimes)))
        .isInstanceOfSatisfying(
            Rejected.class,
            r ->
                assertThat(r.reason())
                    .contains(
                        "workloads[0].spec.restartPolicy: must be always, on-failure or never"));
  }

  @Test
  void rejectsAPortProbeWithoutHostNetworkAsTheHubDoes() {
    String probe =
        workload("a", "i")
            .replace(
                "\"image\"",
                "\"network\":\"none\",\"healthCheck\":{\"tcpSocket\":{\"port\":80}},\"image\"");
    assertThat(verdict(doc("1", "dev1", 1, probe)))
        .isInstanceOfSatisfying(
            Rejected.class,
            r ->
                assertThat(r.reason())
                    .contains("workloads[0].spec.healthCheck.tcpSocket: needs network host"));
  }

  @Test
  void rejectsARolloutGuardOutOfBounds() {
    String guarded =
        workload("a", "i")
            .replace("\"spec\"", "\"rollout\":{\"progressDeadlineSeconds\":0},\"spec\"");
    assertThat(verdict(doc("1", "dev1", 1, guarded)))
        .isInstanceOfSatisfying(
            Rejected.class,
            r -> assertThat(r.reason()).contains("workloads[0].rollout.progressDeadlineSeconds"));
  }
}
