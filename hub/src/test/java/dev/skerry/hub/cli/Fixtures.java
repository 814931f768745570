package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.hub.api.DeploymentView;
import dev.skerry.hub.api.DeviceView;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Devices and deployments as the hub's API writes them (DeviceView, DeploymentView), shared by the
 * rendering and fake-hub tests.
 */
final class Fixtures {
  static final String PI_01 =
      """
      {"id":"pi-01","labels":{"site":"berlin","tier":"edge"},"online":true,
       "lastSeen":"2026-11-27T11:59:55Z","agentVersion":"0.1.0",
       "desiredRevision":7,"appliedRevision":6,
       "workloads":[
         {"name":"web","deployment":"web","image":"reg:5000/web:1.2","imageDigest":"sha256:abc",
          "state":"running","restarts":0,"health":"healthy","message":""},
         {"name":"db","deployment":"db","image":"reg:5000/db:3","state":"failed","restarts":4,
          "health":"unhealthy","message":"exit code 1: disk full"}]}
      """;

  static final String PI_02 =
      """
      {"id":"pi-02","labels":{"site":"paris"},"online":false,
       "lastSeen":"2026-11-27T09:00:00Z","agentVersion":"0.1.0",
       "desiredRevision":3,"appliedRevision":3,"workloads":[]}
      """;

  static final String WEB =
      """
      {"name":"web","revision":3,"selector":{"matchLabels":{"site":"berlin"}},
       "workloads":[{"name":"web","image":"reg:5000/web:1.2","command":["/bin/web"],
                     "args":["--port","8080"],"env":{"MODE":"prod"},"restartPolicy":"always",
                     "healthCheck":{"httpGet":{"port":8080,"path":"/healthz"},"periodSeconds":5}}],
       "strategy":{"type":"waves","maxUnavailable":1},
       "rollout":{"state":"progressing","revision":3,"stableRevision":2,"type":"waves",
                  "wave":2,"waves":[10,50,100],"targeted":10,"updated":3,"healthy":3,"failed":0,
                  "pending":0,"startedAt":"2026-11-27T10:00:00Z",
                  "updatedAt":"2026-11-27T10:00:41Z"},
       "conflicts":[{"deviceId":"pi-07","workload":"web","kept":"legacy","dropped":"web"}]}
      """;

  static final String DB =
      """
      {"name":"db","revision":1,"selector":{"matchLabels":{}},
       "workloads":[{"name":"db","image":"reg:5000/db:3"}]}
      """;

  private Fixtures() {}

  static DeviceView device(String text) {
    return ApiViews.device(json(text));
  }

  static DeploymentView deployment(String text) {
    return ApiViews.deployment(json(text));
  }

  static JsonNode json(String text) {
    try {
      return Json.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
