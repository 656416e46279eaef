package io.cellwork.controlplane.access;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for the control endpoints, from {@code cellwork.access}: a list of named tokens
 * with roles, plus an optional admin token read from a file (the local cluster launcher writes
 * one to {@code var/cluster/admin.token}). Tokens are compared in constant time. Immutable and
 * thread-safe.
 */
public final class AccessControl {
  private record Grant(String name, Role role, byte[] token) {}

  /** Why a request was refused: 401 (no or unknown token) or 403 (role too low). */
  public record Refusal(int status, String who, String why) {}

  private final List<Grant> grants;

  private AccessControl(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  public static AccessControl fromConfig(Config access) {
    List<Grant> grants = new ArrayList<>();
    for (Config token : access.getConfigList("tokens")) {
      grants.add(new Grant(token.getString("name"), Role.parse(token.getString("role")),
          token.getString("token").getBytes(StandardCharsets.UTF_8)));
    }
    String file = access.getString("admin-token-file");
    if (!file.isBlank() && Files.isReadable(Path.of(file))) {
      try {
        String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        grants.add(new Grant("admin", Role.ADMIN, token.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the admin token file " + file, e);
      }
    }
    return new AccessControl(grants);
  }

  /**
   * The principal an {@code Authorization} header names, if its role covers {@code required};
   * otherwise the refusal.
   */
  public Result check(Optional<String> authorization, Role required) {
    if (authorization.isEmpty() || !authorization.get().startsWith("Bearer ")) {
      return new Result(null, new Refusal(401, "anonymous", "no bearer token"));
    }
    byte[] presented = authorization.get().substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    for (Grant grant : grants) {
      if (MessageDigest.isEqual(grant.token(), presented)) {
        if (!grant.role().includes(required)) {
          return new Result(null, new Refusal(403, grant.name(),
              "role " + grant.role().wireName() + " may not do what needs " + required.wireName()));
        }
        return new Result(new Principal(grant.name(), grant.role()), null);
      }
    }
    return new Result(null, new Refusal(401, "anonymous", "unknown token"));
  }

  /** Exactly one of the two is set. */
  public record Result(Principal principal, Refusal refusal) {}
}
