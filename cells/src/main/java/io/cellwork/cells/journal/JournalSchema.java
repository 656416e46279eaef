package io.cellwork.cells.journal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Creates the journal and snapshot tables if they are missing, so that a node needs nothing
 * prepared by hand. The scripts are idempotent; every node runs them before it starts its cells.
 * Blocking JDBC: call it from a main thread, never from an actor.
 *
 * <p>Reads {@code cellwork.journal.schema} (the dialect: {@code h2} or {@code postgres}) and the
 * connection of the shared database named by {@code jdbc-journal.use-shared-db}.
 */
public final class JournalSchema {
  private static final int ATTEMPTS = 3;

  private JournalSchema() {}

  public static void ensure(Config config) {
    String dialect = config.getString("cellwork.journal.schema");
    String sharedDb = config.getString("jdbc-journal.use-shared-db");
    Config db = config.getConfig("pekko-persistence-jdbc.shared-databases").getConfig(sharedDb).getConfig("db");
    List<String> statements = statementsOf(dialect);
    SQLException last = null;
    // Several nodes may create the schema at the same moment; a lost race is retried.
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection connection = DriverManager.getConnection(
              db.getString("url"), db.getString("user"), db.getString("password"));
          Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
        return;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw new IllegalStateException("cannot create the journal schema at " + db.getString("url"), last);
  }

  private static List<String> statementsOf(String dialect) {
    String resource = "/cellwork/schema/" + dialect + ".sql";
    try (InputStream in = JournalSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no journal schema for dialect '" + dialect + "'");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(script.replaceAll("(?m)^--.*$", "").split(";"))
          .map(String::strip)
          .filter(sql -> !sql.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
