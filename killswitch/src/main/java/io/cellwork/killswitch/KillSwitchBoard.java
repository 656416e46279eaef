package io.cellwork.killswitch;

/**
 * The node's current {@link KillSwitchView}, published by whoever owns the switches and read on
 * every task admission and start. One writer publishes whole views; readers do a single volatile
 * read, so a check never waits and always sees a consistent set.
 */
public final class KillSwitchBoard {
  private volatile KillSwitchView view = KillSwitchView.EMPTY;

  public KillSwitchView view() {
    return view;
  }

  public void publish(KillSwitchView next) {
    this.view = next;
  }
}
