package dev.skerry.hub.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link AccessStore} in memory, for unit tests and a hub without users. Thread-safe. */
public final class InMemoryAccessStore implements AccessStore {
  private final Map<String, UserRecord> users = new TreeMap<>();
  private final Map<String, TokenRecord> tokens = new LinkedHashMap<>();
  private final List<AuditRecord> audit = new ArrayList<>();

  @Override
  public synchronized boolean createUser(UserRecord user, AuditEntry entry) {
    if (users.containsKey(user.name())) {
      return false;
    }
    users.put(user.name(), user);
    append(entry);
    return true;
  }

  @Override
  public synchronized Optional<UserRecord> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  @Override
  public synchronized List<UserRecord> users() {
    return List.copyOf(users.values());
  }

  @Override
  public synchronized boolean deleteUser(String name, AuditEntry entry) {
    if (users.remove(name) == null) {
      return false;
    }
    tokens.values().removeIf(t -> t.user().equals(name));
    append(entry);
    return true;
  }

  @Override
  public synchronized void putToken(TokenRecord token, AuditEntry entry) {
    tokens.put(token.id(), token);
    if (entry != null) {
      append(entry);
    }
  }

  @Override
  public synchronized Optional<TokenRecord> tokenByHash(String secretHash) {
    return tokens.values().stream().filter(t -> t.secretHash().equals(secretHash)).findFirst();
  }

  @Override
  public synchronized List<TokenRecord> tokens(String user, TokenKind kind) {
    return tokens.values().stream()
        .filter(t -> t.user().equals(user) && t.kind() == kind)
        .sorted(Comparator.comparing(TokenRecord::createdAt))
        .toList();
  }

  @Override
  public synchronized boolean deleteToken(String id, String user, AuditEntry entry) {
    TokenRecord t = tokens.get(id);
    if (t == null || !t.user().equals(user)) {
      return false;
    }
    tokens.remove(id);
    if (entry != null) {
      append(entry);
    }
    return true;
  }

  @Override
  public synchronized void append(AuditEntry entry) {
    audit.add(new AuditRecord(audit.size() + 1L, entry));
  }

  @Override
  public synchronized List<AuditRecord> audit(AuditQuery q) {
    return audit.stream()
        .filter(r -> r.id() > q.afterId())
        .filter(r -> q.since().map(s -> !r.entry().at().isBefore(s)).orElse(true))
        .filter(r -> q.actor().map(a -> a.equals(r.entry().actor())).orElse(true))
        .filter(r -> q.object().map(o -> o.equals(r.entry().object())).orElse(true))
        .limit(q.limit())
        .toList();
  }

  @Override
  public void close() {}
}
