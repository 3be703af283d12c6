package io.meshwarden.sandbox.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox role instance's name split into what the ServiceMonitors label it with: {@code
 * prod-eu-watcher-0} is role {@code watcher} of cluster {@code prod-eu}; {@code alerting} serves
 * every cluster and has none.
 */
record Instance(String cluster, String role) {

  private static final Pattern PER_CLUSTER =
      Pattern.compile("(.+)-(watcher|reconciler|executor)(-[a-z0-9]+)?");

  static Instance of(String name) {
    Matcher m = PER_CLUSTER.matcher(name);
    return m.matches() ? new Instance(m.group(1), m.group(2)) : new Instance(null, name);
  }
}
