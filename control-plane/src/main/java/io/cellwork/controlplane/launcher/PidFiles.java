package io.cellwork.controlplane.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes the pid files of the processes a launcher started. */
final class PidFiles {
  private PidFiles() {}

  static void write(Path file, long pid) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Long.toString(pid), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The live process a pid file names, if the file exists and the process still runs. */
  static Optional<ProcessHandle> alive(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
