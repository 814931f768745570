package dev.skerry.agent.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.WireJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandHandlerTest {
  private final List<String> ran = new ArrayList<>();
  private final List<Object[]> answers = new ArrayList<>();
  private final AgentStores store = InMemoryStores.create();
  private final CommandHandler handler =
      new CommandHandler(
          "dev1",
          new WorkloadCommands() {
            @Override
            public Outcome restart(String workload) {
              ran.add("restart " + workload);
              return Outcome.ok("restarted", List.of());
            }

            @Override
            public Outcome logs(String workload, int tail) {
              ran.add("logs " + workload + " " + tail);
              return Outcome.ok(null, List.of("line 1", "line 2"));
            }

            @Override
            public Outcome deleteVolume(String volume) {
              ran.add("delete-volume " + volume);
              return Outcome.ok("deleted volume " + volume, List.of());
            }
          },
          (topic, correlation, payload) -> answers.add(new Object[] {topic, correlation, payload}),
          Runnable::run,
          new Refusals(store.events()));

  private static byte[] json(Command c) throws Exception {
    return WireJson.mapper().writeValueAsBytes(c);
  }

  private CommandResponse answer(int i) throws Exception {
    return WireJson.mapper().readValue((byte[]) answers.get(i)[2], CommandResponse.class);
  }

  @Test
  void runsLogsAndAnswersOnTheResponseTopicWithTheCorrelationData() throws Exception {
    byte[] correlation = {1, 2, 3};
    handler.accept(
        json(new Command(1, "dev1", "c1", Command.LOGS, "web", 2, Instant.now())),
        "reply/here",
        correlation);

    assertThat(ran).containsExactly("logs web 2");
    assertThat(answers.get(0)[0]).isEqualTo("reply/here");
    assertThat((byte[]) answers.get(0)[1]).isEqualTo(correlation);
    assertThat(answer(0).status()).isEqualTo(CommandResponse.OK);
    assertThat(answer(0).id()).isEqualTo("c1");
    assertThat(answer(0).lines()).containsExactly("line 1", "line 2");
  }

  @Test
  void runsARestart() throws Exception {
    handler.accept(
        json(new Command(1, "dev1", "c2", Command.RESTART, "web", null, Instant.now())),
        "r",
        new byte[0]);
    assertThat(ran).containsExactly("restart web");
    assertThat(answer(0).message()).isEqualTo("restarted");
  }

  @Test
  void runsAVolumeDeletion() throws Exception {
    handler.accept(
        json(new Command(1, "dev1", "c9", Command.DELETE_VOLUME, "data", null, Instant.now())),
        "r",
        new byte[0]);
    assertThat(ran).containsExactly("delete-volume data");
    assertThat(answer(0).message()).isEqualTo("deleted volume data");
  }

  @Test
  void refusesAnUnknownCommandAnotherVersionAndBadArgumentsWithABadRequestAnswer()
      throws Exception {
    handler.accept(
        json(new Command(1, "dev1", "c3", "reboot", "web", null, null)), "r", new byte[0]);
    handler.accept(json(new Command(2, "dev1", "c4", Command.LOGS, "web", 1, null)), "r", null);
    handler.accept(json(new Command(1, "dev1", "c5", Command.LOGS, "web", 0, null)), "r", null);
    handler.accept(json(new Command(1, "dev1", "c6", Command.LOGS, "../x", 1, null)), "r", null);
    handler.accept("{nope".getBytes(UTF_8), "r", null);

    assertThat(ran).isEmpty();
    assertThat(answers).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(answer(i).status()).isEqualTo(CommandResponse.BAD_REQUEST);
    }
    assertThat(answer(1).message()).contains("v=2");
    assertThat(store.events().recentEvents(10)).anyMatch(e -> e.message().contains("v=2"));
  }

  @Test
  void aRequestWithoutAResponseTopicIsNotRun() throws Exception {
    handler.accept(
        json(new Command(1, "dev1", "c7", Command.RESTART, "web", null, null)), null, null);
    assertThat(ran).isEmpty();
    assertThat(answers).isEmpty();
  }
}
