package io.cellwork.cells.task;

/** A submission that cannot be accepted as given; {@link #field()} names the offending field. */
public final class InvalidTaskException extends IllegalArgumentException {
  private final String field;

  public InvalidTaskException(String field, String message) {
    super(field + " " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The message without the field name, for error bodies that carry the field separately. */
  public String reason() {
    return getMessage().substring(field.length() + 1);
  }
}
