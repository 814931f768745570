package dev.skerry.hub.it;

/** Deployment bodies for the integration tests. */
final class Deployments {
  private Deployments() {}

  static String json(String name, String labelKey, String labelValue, String image) {
    return """
        {"name":"%s","selector":{"matchLabels":{"%s":"%s"}},
         "workloads":[{"name":"web","image":"%s","restartPolicy":"always",
                       "resources":{"memoryMiB":64,"cpus":0.5}}],
         "strategy":{"type":"all-at-once","minReadySeconds":5}}
        """
        .formatted(name, labelKey, labelValue, image);
  }
}
