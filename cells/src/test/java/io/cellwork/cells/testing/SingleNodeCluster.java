package io.cellwork.cells.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** Makes a test actor system a one-member cluster, so Cluster Sharding can place cells on it. */
public final class SingleNodeCluster {
  private SingleNodeCluster() {}

  public static void join(ActorTestKit testKit) {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
  }
}
