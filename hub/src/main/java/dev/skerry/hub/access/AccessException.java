package dev.skerry.hub.access;

/** A request about users or tokens that cannot be done as asked; not worth retrying. */
public final class AccessException extends RuntimeException {
  /** Why: the input is wrong, the name is taken, or the thing does not exist. */
  public enum Kind {
    INVALID,
    CONFLICT,
    NOT_FOUND
  }

  private final Kind kind;

  public AccessException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
