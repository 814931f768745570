package dev.skerry.agent.app;

/** The {@code --help} text. */
final class Usage {
  static final String TEXT =
      """
      usage: java -jar skerry-agent.jar [options]
             java -jar skerry-agent.jar join --hub-api URL --join-token TOKEN [options]
                                         (enroll once, store the identity, exit)

        --config FILE                YAML file with the same keys (default /etc/skerry/agent.yaml if present)
        --device-id ID               unique id of this device (default: host name)
        --hub URL                    mqtt://host:port or mqtts://host:port (default: none, offline-only)
        --labels k=v,...             labels reported to the hub
        --containerd-socket PATH     default /run/containerd/containerd.sock
        --namespace NS               containerd namespace the agent owns (default skerry)
        --data-dir DIR               SQLite agent.db, logs, keys (default /var/lib/skerry-agent)
        --api-listen HOST:PORT       local API (default 127.0.0.1:9101)
        --insecure-registry H:P      registry reached over plain HTTP (repeatable)
        --platform OS/ARCH[/VAR]     image platform (default: this machine's)
        --allowed-host-paths P,...   host path prefixes workloads may bind-mount
        --log-max-bytes N            rotate a container log past N bytes (default 10485760)
        --volume-retention-days N    delete a named volume no workload names for N days (default 7)
        --registry-login H:P=USER:FILE  login for a registry, password read from FILE (repeatable)
        --registry-ca FILE           PEM CAs trusted for every registry (besides the system's)
        --containerd-root DIR        containerd's root, for disk checks (default /var/lib/containerd)
        --image-size-factor X        a pull needs compressed size times X free (default 3.0)
        --image-gc-threshold PCT     delete unused images when the disk is fuller (default 85)
        --outbox-max N               messages kept for the hub while offline; past it the
                                     oldest events are dropped and counted (default 1000)
        --mqtt-ca FILE               PEM CA the broker's certificate must chain to (mqtts://;
                                     ignored once enrolled: the hub CA is trusted then)
        --join-token TOKEN           enroll with the hub when DATA_DIR/identity/ is empty
        --join-token-file FILE       the same, read from FILE (may be deleted once enrolled)
        --hub-api https://H:P        the hub's HTTPS API, for enrollment
        --insecure-unsigned-desired  act on desired documents without a valid signature
                                     (unsafe: for old hubs and experiments only)

      Every option is also SKERRY_<NAME> in the environment (e.g. SKERRY_DEVICE_ID);
      precedence: flag > environment > file > default. SKERRY_LOG_LEVEL sets the log level.
      The YAML file also takes `registries:` (host:port -> username, password | password-file,
      ca-file).
      """;

  private Usage() {}
}
