package io.cellwork.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The physical limit of the journal's database: rows shaped like journal rows, inserted in large
 * batches on one connection, one transaction per batch, with no actor, serializer or plugin in
 * between.
 */
final class JdbcInsertBaseline {
  private JdbcInsertBaseline() {}

  /** Inserts {@code rows} rows in batches of {@code batch}; returns rows per second. */
  static double rowsPerSecond(String url, String user, String password, int rows, int batch) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      try (Statement ddl = c.createStatement()) {
        ddl.execute("DROP TABLE IF EXISTS bench_rows");
        ddl.execute("CREATE TABLE bench_rows (ordering BIGINT AUTO_INCREMENT, persistence_id VARCHAR(255) NOT NULL,"
            + " sequence_number BIGINT NOT NULL, writer VARCHAR NOT NULL, write_timestamp BIGINT NOT NULL,"
            + " event_payload BLOB NOT NULL, event_ser_id INTEGER NOT NULL, event_ser_manifest VARCHAR NOT NULL,"
            + " PRIMARY KEY (persistence_id, sequence_number))");
      }
      c.setAutoCommit(false);
      byte[] payload = new byte[96]; // about the size of a journaled task acceptance
      long start = System.nanoTime();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_rows (persistence_id, sequence_number,"
          + " writer, write_timestamp, event_payload, event_ser_id, event_ser_manifest) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int row = 0; row < rows; row++) {
          insert.setString(1, "Bench|" + (row % 64));
          insert.setLong(2, row / 64 + 1);
          insert.setString(3, "writer");
          insert.setLong(4, System.currentTimeMillis());
          insert.setBytes(5, payload);
          insert.setInt(6, 1);
          insert.setString(7, "");
          insert.addBatch();
          if ((row + 1) % batch == 0) {
            insert.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        c.commit();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      try (Statement ddl = c.createStatement()) {
        ddl.execute("DROP TABLE bench_rows");
      }
      c.commit();
      return rows / seconds;
    }
  }
}
