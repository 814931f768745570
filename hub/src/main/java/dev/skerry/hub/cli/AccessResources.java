package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * {@code get users|tokens} and {@code delete user|token NAME...}: users ({@code /api/v1/users},
 * admin) and the caller's personal tokens ({@code /api/v1/tokens}, by id). Tables only list; a
 * token's secret is never in them (the hub has none).
 */
final class AccessResources {
  private static final Set<String> USERS = Set.of("user", "users");
  private static final Set<String> TOKENS = Set.of("token", "tokens");

  private AccessResources() {}

  static boolean handles(String kind) {
    return USERS.contains(kind) || TOKENS.contains(kind);
  }

  static int get(Context ctx, String kind, OutputFormat format) {
    boolean users = USERS.contains(kind);
    JsonNode answer = ctx.hub().get().get(users ? UserCommand.PATH : TokenCommand.PATH);
    switch (format) {
      case JSON -> ctx.out().println(Json.pretty(answer));
      case YAML -> ctx.out().println(Json.yaml(answer));
      default -> {
        Table table =
            new Table(
                users
                    ? List.of("NAME", "ROLE", "CREATED")
                    : List.of("ID", "NAME", "CREATED", "EXPIRES"));
        for (JsonNode item : answer.path("items")) {
          table.row(
              users
                  ? List.of(
                      Json.text(item, "name", ""),
                      Json.text(item, "role", ""),
                      Json.text(item, "createdAt", ""))
                  : List.of(
                      Json.text(item, "id", ""),
                      Json.text(item, "name", ""),
                      Json.text(item, "createdAt", ""),
                      Json.text(item, "expiresAt", "never")));
        }
        if (table.size() == 0) {
          ctx.err().println("No " + (users ? "users" : "tokens") + " found.");
        } else {
          ctx.out().print(table.render());
        }
      }
    }
    return 0;
  }

  static int delete(Context ctx, String kind, List<String> names) {
    boolean users = USERS.contains(kind);
    if (names.isEmpty()) {
      throw CliException.usage(
          "delete " + kind + " needs a " + (users ? "name" : "token id"),
          users
              ? "skerryctl delete user ana"
              : "skerryctl delete token ID (see skerryctl get tokens)");
    }
    HubClient hub = ctx.hub().get();
    for (String name : names) {
      hub.delete((users ? UserCommand.PATH : TokenCommand.PATH) + "/" + HubClient.segment(name));
      ctx.out().println((users ? "user/" : "token/") + name + " deleted");
    }
    return 0;
  }
}
