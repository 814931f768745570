package dev.skerry.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  @Test
  void writesHelpAndTypeBeforeTheSamples() {
    String text =
        new PrometheusText()
            .counter("jobs_total", "Jobs run.", 3)
            .gauge("queue", "Jobs waiting.")
            .sample("queue", Map.of("kind", "a"), 1)
            .toString();

    assertThat(text)
        .isEqualTo(
            "# HELP jobs_total Jobs run.\n"
                + "# TYPE jobs_total counter\n"
                + "jobs_total 3\n"
                + "# HELP queue Jobs waiting.\n"
                + "# TYPE queue gauge\n"
                + "queue{kind=\"a\"} 1\n");
  }

  @Test
  void sortsLabelsByNameAndEscapesTheirValues() {
    String text =
        new PrometheusText().sample("m", Map.of("z", "1", "a", "say \"hi\"\\\nbye"), 0).toString();

    assertThat(text).isEqualTo("m{a=\"say \\\"hi\\\"\\\\\\nbye\",z=\"1\"} 0\n");
  }

  @Test
  void printsIntegersWithoutAFractionAndOtherValuesInFull() {
    assertThat(PrometheusText.number(12)).isEqualTo("12");
    assertThat(PrometheusText.number(-4)).isEqualTo("-4");
    assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
    assertThat(PrometheusText.number(0.0001)).isEqualTo("1.0E-4");
    assertThat(PrometheusText.number(1e20)).isEqualTo("1.0E20");
  }

  @Test
  void printsInfinitiesAndNaNTheWayPrometheusReadsThem() {
    assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(PrometheusText.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void escapesBackslashAndLineFeedInHelpText() {
    assertThat(new PrometheusText().gauge("g", "a\\b\nc \"q\"").toString())
        .startsWith("# HELP g a\\\\b\\nc \"q\"\n");
  }
}
