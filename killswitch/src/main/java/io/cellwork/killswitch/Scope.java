package io.cellwork.killswitch;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a switch covers, written {@code global}, {@code node:<host:port>}, {@code cell:<n>},
 * {@code tenant:<t>}, {@code kind:<k>}, {@code automation:<name>} or {@code model:<name>}.
 */
public sealed interface Scope extends KillSwitchWire {

  Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  String wireName();

  /** Whether a task there is in this scope; automation and model scopes cover no task. */
  boolean covers(TaskTarget task);

  record Global() implements Scope {
    @Override
    public String wireName() {
      return "global";
    }

    @Override
    public boolean covers(TaskTarget task) {
      return true;
    }
  }

  record Node(String hostPort) implements Scope {
    public Node {
      Objects.requireNonNull(hostPort, "hostPort");
    }

    @Override
    public String wireName() {
      return "node:" + hostPort;
    }

    @Override
    public boolean covers(TaskTarget task) {
      return hostPort.equals(task.node());
    }
  }

  record Cell(int cell) implements Scope {
    @Override
    public String wireName() {
      return "cell:" + cell;
    }

    @Override
    public boolean covers(TaskTarget task) {
      return cell == task.cell();
    }
  }

  record Tenant(String tenant) implements Scope {
    @Override
    public String wireName() {
      return "tenant:" + tenant;
    }

    @Override
    public boolean covers(TaskTarget task) {
      return tenant.equals(task.tenant());
    }
  }

  record Kind(String kind) implements Scope {
    @Override
    public String wireName() {
      return "kind:" + kind;
    }

    @Override
    public boolean covers(TaskTarget task) {
      return kind.equals(task.kind());
    }
  }

  record Automation(String name) implements Scope {
    @Override
    public String wireName() {
      return "automation:" + name;
    }

    @Override
    public boolean covers(TaskTarget task) {
      return false;
    }
  }

  record Model(String name) implements Scope {
    @Override
    public String wireName() {
      return "model:" + name;
    }

    @Override
    public boolean covers(TaskTarget task) {
      return false;
    }
  }

  /**
   * Parses the written form.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  static Scope parse(String text) {
    if ("global".equals(text)) {
      return new Global();
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "scope must be global or one of node:, cell:, tenant:, kind:, automation:, model: followed by a name");
    }
    String type = text.substring(0, colon);
    String name = text.substring(colon + 1);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("scope name must be 1 to 128 letters, digits or . _ : @ -");
    }
    return switch (type) {
      case "node" -> new Node(name);
      case "cell" -> new Cell(parseCell(name));
      case "tenant" -> new Tenant(name);
      case "kind" -> new Kind(name);
      case "automation" -> new Automation(name);
      case "model" -> new Model(name);
      default -> throw new IllegalArgumentException("unknown scope type '" + type + "'");
    };
  }

  private static int parseCell(String name) {
    try {
      int cell = Integer.parseInt(name);
      if (cell < 0) {
        throw new IllegalArgumentException("cell number must not be negative");
      }
      return cell;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cell scope needs a cell number, got '" + name + "'");
    }
  }
}
