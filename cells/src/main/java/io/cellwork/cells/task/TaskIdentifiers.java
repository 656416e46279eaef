package io.cellwork.cells.task;

import java.util.regex.Pattern;

/**
 * Shape rules for the names that end up in URLs, metrics labels and the journal: task ids,
 * tenants and keys. Checked once at the edge so that the cells can trust them.
 */
public final class TaskIdentifiers {
  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_TENANT_LENGTH = 64;
  public static final int MAX_KEY_LENGTH = 128;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@-]+");

  private TaskIdentifiers() {}

  public static String checkId(String field, String value) {
    return check(field, value, MAX_ID_LENGTH);
  }

  public static String checkTenant(String field, String value) {
    return check(field, value, MAX_TENANT_LENGTH);
  }

  public static String checkKey(String field, String value) {
    return check(field, value, MAX_KEY_LENGTH);
  }

  private static String check(String field, String value, int maxLength) {
    if (value.isEmpty() || value.length() > maxLength) {
      throw new InvalidTaskException(field, "must be 1 to " + maxLength + " characters");
    }
    if (!SAFE.matcher(value).matches()) {
      throw new InvalidTaskException(field, "may only contain letters, digits and . _ : @ -");
    }
    return value;
  }
}
