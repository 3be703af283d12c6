package io.meshwarden.alerting.grouping;

import java.util.List;

/**
 * A notification handed to delivery, with the consumed records it covers (released when it is
 * delivered or dead-lettered).
 */
public record Dispatch(Notification notification, GroupKey group, List<RecordRef> refs) {

  public Dispatch {
    refs = List.copyOf(refs);
  }

  /** The route that chose the receiver. */
  public String routeId() {
    return group.routeId();
  }
}
