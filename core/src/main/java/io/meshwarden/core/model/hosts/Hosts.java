package io.meshwarden.core.model.hosts;

import java.util.Locale;

/**
 * Host names as Istio reads them: a name without a dot is a short name in the namespace of the
 * resource that wrote it; anything with a dot (or a wildcard) is taken as written. {@code *}
 * matches every host and {@code *.example.com} every host under {@code example.com}.
 */
public final class Hosts {

  /** The DNS domain of the cluster when nothing else is known. */
  public static final String DEFAULT_DOMAIN = "cluster.local";

  private Hosts() {}

  /**
   * The name Istio resolves {@code host} to when a resource in {@code namespace} names it: {@code
   * reviews} becomes {@code reviews.<namespace>.svc.<domain>}; names with a dot or a {@code *} stay
   * as written. Lower-cased, since DNS names are case-insensitive.
   */
  public static String qualify(String host, String namespace, String domain) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.contains(".") || h.contains("*")) {
      return h;
    }
    return h + "." + namespace + ".svc." + domain;
  }

  /** The FQDN of Kubernetes Service {@code name} in {@code namespace}. */
  public static String serviceFqdn(String name, String namespace, String domain) {
    return (name + "." + namespace + ".svc." + domain).toLowerCase(Locale.ROOT);
  }

  /** Whether {@code pattern} (possibly a wildcard) covers every name {@code host} stands for. */
  public static boolean covers(String pattern, String host) {
    if (pattern.equals("*") || pattern.equals(host)) {
      return true;
    }
    if (!pattern.startsWith("*")) {
      return false;
    }
    String suffix = pattern.substring(1);
    if (host.startsWith("*")) {
      return host.substring(1).endsWith(suffix);
    }
    return host.endsWith(suffix) && host.length() > suffix.length();
  }

  /** Whether two hosts (either possibly a wildcard) can name one same host. */
  public static boolean intersect(String a, String b) {
    return covers(a, b) || covers(b, a);
  }

  /**
   * The host part of a Gateway server host {@code [namespace/]host}; the namespace part says which
   * namespaces' VirtualServices may bind to it.
   */
  public static String gatewayHost(String serverHost) {
    int slash = serverHost.indexOf('/');
    return (slash < 0 ? serverHost : serverHost.substring(slash + 1)).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a VirtualService in {@code vsNamespace} may bind to server host {@code serverHost} of a
   * Gateway in {@code gatewayNamespace}: namespace part absent or {@code *}, {@code .} for the
   * gateway's own namespace, or the VirtualService's namespace by name.
   */
  public static boolean bindableFrom(
      String serverHost, String gatewayNamespace, String vsNamespace) {
    int slash = serverHost.indexOf('/');
    if (slash < 0) {
      return true;
    }
    String ns = serverHost.substring(0, slash);
    return ns.equals("*")
        || (ns.equals(".") && gatewayNamespace.equals(vsNamespace))
        || ns.equals(vsNamespace);
  }
}
