package dev.skerry.hub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, the JDK's own
 * client): for console tests that click, which {@code --dump-dom} cannot. Answers every JavaScript
 * dialog ({@code confirm()}) as told by {@link #answerDialogs} and records its message.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING =
      Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> dialogs = new CopyOnWriteArrayList<>();
  private volatile boolean acceptDialogs;

  private HeadlessChromium(Process process, WebSocket.Builder builder, URI page) {
    this.process = process;
    this.socket = builder.buildAsync(page, new Listener()).join();
  }

  /** Starts Chromium on {@code url} with a fresh profile under {@code profiles}. */
  static HeadlessChromium open(Path profiles, String url) throws Exception {
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile"),
                url)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    int port = -1;
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        break;
      }
    }
    if (port < 0) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium exited before it listened for DevTools");
    }
    Thread drain = new Thread(() -> err.lines().forEach(l -> {}), "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        HeadlessChromium c =
            new HeadlessChromium(
                p, http.newWebSocketBuilder(), URI.create(t.get("webSocketDebuggerUrl").asText()));
        c.call("Page.enable", JSON.createObjectNode());
        return c;
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("chromium shows no page: " + targets);
  }

  /** How the next JavaScript dialogs are answered: OK ({@code true}) or Cancel. */
  void answerDialogs(boolean accept) {
    acceptDialogs = accept;
  }

  /** The messages of the dialogs shown so far. */
  List<String> dialogs() {
    return List.copyOf(dialogs);
  }

  /** Evaluates {@code expression} in the page; its value as text ("" for undefined). */
  String eval(String expression) throws Exception {
    ObjectNode params = JSON.createObjectNode();
    params.put("expression", expression);
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    JsonNode r = call("Runtime.evaluate", params);
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("in the page: " + r.get("exceptionDetails"));
    }
    JsonNode value = r.path("result").path("value");
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    send(id, method, params);
    JsonNode r = answer.get(30, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  // One send at a time (the JDK's WebSocket refuses overlapping sends).
  private synchronized void send(int id, String method, ObjectNode params) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.put("method", method);
    m.set("params", params);
    socket.sendText(m.toString(), true).join();
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        try {
          handle(JSON.readTree(message));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      ws.request(1);
      return null;
    }

    private void handle(JsonNode m) {
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
      } else if ("Page.javascriptDialogOpening".equals(m.path("method").asText())) {
        dialogs.add(m.path("params").path("message").asText());
        ObjectNode p = JSON.createObjectNode();
        p.put("accept", acceptDialogs);
        // Not waited for here: the page's evaluate call is blocked until the dialog closes.
        send(ids.incrementAndGet(), "Page.handleJavaScriptDialog", p);
      }
    }
  }
}
