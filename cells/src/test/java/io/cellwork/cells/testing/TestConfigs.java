package io.cellwork.cells.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/** Configurations for test actor systems; journals come from the real files under {@code conf/}. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The in-memory journal of the persistence testkit, which serializes every event it stores. */
  public static Config inMemoryJournal() {
    return inMemoryJournal(ConfigFactory.empty());
  }

  public static Config inMemoryJournal(Config overrides) {
    return overrides
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.load("application-test"))
        .resolve();
  }

  /** The shipped {@code conf/journal-h2.conf}, pointed at an embedded database file in {@code dir}. */
  public static Config h2Journal(Path dir, Config overrides) {
    String url = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
    return overrides
        .withFallback(ConfigFactory.parseString(
            "cellwork.journal.h2.url = \"" + url + "\"\n"
                + "cellwork.cells.cell.journal-plugin-id = jdbc-journal\n"
                + "cellwork.cells.cell.snapshot-plugin-id = jdbc-snapshot-store\n"))
        .withFallback(ConfigFactory.parseFile(repoRoot().resolve("conf/journal-h2.conf").toFile()))
        .withFallback(ConfigFactory.parseResources("application-test.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** The repository root, as Maven passes it; the working directory's parent otherwise. */
  public static Path repoRoot() {
    String root = System.getProperty("cellwork.repo.root");
    return root != null ? Paths.get(root) : Paths.get("").toAbsolutePath().getParent();
  }
}
