package io.cellwork.controlplane.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local cluster's admin bearer token: 256 random bits in a file only its owner can read.
 * It is made once and kept, so nodes still running and cellctl keep agreeing on it; delete the
 * file while the cluster is stopped to rotate it.
 */
public final class AdminToken {
  private static final int TOKEN_BYTES = 32;

  private AdminToken() {}

  /** Creates the token file unless it exists; returns the token. */
  public static String ensure(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] secret = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(secret);
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        // created with owner-only permissions, so the secret is never readable by others
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the admin token " + file, e);
    }
  }

  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
