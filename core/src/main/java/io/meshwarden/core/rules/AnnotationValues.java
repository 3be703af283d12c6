package io.meshwarden.core.rules;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The injector's checks of annotation values ({@code pkg/kube/inject/validate.go} {@code
 * AnnotationValidation}, 1.22–1.28): a value that fails makes the webhook deny the pod, and
 * istioctl reports it as IST0125. Each check returns the problem in the injector's own words, or
 * empty when the value is accepted. {@code proxy.istio.io/config} is not checked (that needs the
 * whole ProxyConfig schema); {@code sidecar.istio.io/enableCoreDump}, checked up to 1.23, is not
 * either.
 */
final class AnnotationValues {

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private static final Map<String, Function<String, Optional<String>>> CHECKS =
      Map.ofEntries(
          Map.entry("sidecar.istio.io/interceptionMode", AnnotationValues::interceptionMode),
          Map.entry(
              "status.sidecar.istio.io/port",
              v -> port(v).map(e -> "excludeInboundPorts invalid: " + e)),
          Map.entry("readiness.status.sidecar.istio.io/initialDelaySeconds", v -> uint(v, 32)),
          Map.entry("readiness.status.sidecar.istio.io/periodSeconds", v -> uint(v, 32)),
          Map.entry("readiness.status.sidecar.istio.io/failureThreshold", v -> uint(v, 32)),
          Map.entry(
              "traffic.sidecar.istio.io/includeOutboundIPRanges",
              v -> v.equals("*") ? Optional.empty() : cidrs(v, "includeIPRanges")),
          Map.entry(
              "traffic.sidecar.istio.io/excludeOutboundIPRanges", v -> cidrs(v, "excludeIPRanges")),
          Map.entry(
              "traffic.sidecar.istio.io/includeInboundPorts",
              v -> v.equals("*") ? Optional.empty() : ports(v, "includeInboundPorts")),
          Map.entry(
              "traffic.sidecar.istio.io/excludeInboundPorts", v -> ports(v, "excludeInboundPorts")),
          Map.entry(
              "traffic.sidecar.istio.io/excludeOutboundPorts",
              v -> ports(v, "excludeOutboundPorts")),
          Map.entry("prometheus.istio.io/merge-metrics", AnnotationValues::bool));

  private AnnotationValues() {}

  /** What is wrong with {@code value} of {@code annotation}, or empty (also when unchecked). */
  static Optional<String> problem(String annotation, String value) {
    Function<String, Optional<String>> check = CHECKS.get(annotation);
    return check == null ? Optional.empty() : check.apply(value);
  }

  private static Optional<String> interceptionMode(String v) {
    return switch (v) {
      case "REDIRECT", "TPROXY", "NONE" -> Optional.empty();
      default -> Optional.of("interceptionMode invalid, use REDIRECT,TPROXY,NONE: " + v);
    };
  }

  /** Go's {@code strconv.ParseUint(v, 10, bits)}: decimal digits only, within range. */
  private static Optional<String> uint(String v, int bits) {
    if (!DIGITS.matcher(v).matches()) {
      return Optional.of("strconv.ParseUint: parsing " + quote(v) + ": invalid syntax");
    }
    if (new BigInteger(v).bitLength() > bits) {
      return Optional.of("strconv.ParseUint: parsing " + quote(v) + ": value out of range");
    }
    return Optional.empty();
  }

  /** Go's {@code strconv.ParseBool}. */
  private static Optional<String> bool(String v) {
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" ->
          Optional.empty();
      default -> Optional.of("strconv.ParseBool: parsing " + quote(v) + ": invalid syntax");
    };
  }

  /** One port: the value trimmed, then a 16-bit unsigned decimal. */
  private static Optional<String> port(String v) {
    return uint(v.strip(), 16).map(e -> "failed parsing port " + squote(v) + ": " + e);
  }

  /** A comma-separated port list; the whole value trimmed, empty accepted. */
  private static Optional<String> ports(String v, String parameter) {
    String all = v.strip();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    for (String p : all.split(",", -1)) {
      Optional<String> e = port(p);
      if (e.isPresent()) {
        return Optional.of(
            parameter + " invalid: failed parsing port " + squote(p) + ": " + e.get());
      }
    }
    return Optional.empty();
  }

  /**
   * A comma-separated CIDR list, each as Go's {@code netip.ParsePrefix} reads it; empty is fine.
   */
  private static Optional<String> cidrs(String v, String parameter) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    for (String c : v.split(",", -1)) {
      if (!prefix(c)) {
        return Optional.of(
            parameter + " invalid: failed parsing cidr " + squote(c) + ": not a valid prefix");
      }
    }
    return Optional.empty();
  }

  /** {@code addr/bits}: no spaces, no zone, IPv4 as four plain decimal octets. */
  static boolean prefix(String c) {
    int slash = c.indexOf('/');
    if (slash < 0 || c.indexOf('/', slash + 1) >= 0 || c.indexOf('%') >= 0) {
      return false;
    }
    String addr = c.substring(0, slash);
    String bits = c.substring(slash + 1);
    if (!DIGITS.matcher(bits).matches() || (bits.length() > 1 && bits.charAt(0) == '0')) {
      return false;
    }
    int max;
    if (addr.indexOf(':') >= 0) {
      max = 128;
      if (!addr.matches("[0-9A-Fa-f:.]+")) {
        return false;
      }
      try {
        InetAddress.getByName(addr);
      } catch (UnknownHostException e) {
        return false;
      }
    } else {
      max = 32;
      if (!ipv4(addr)) {
        return false;
      }
    }
    return bits.length() <= 3 && Integer.parseInt(bits) <= max;
  }

  private static boolean ipv4(String addr) {
    String[] octets = addr.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String o : octets) {
      if (!DIGITS.matcher(o).matches()
          || o.length() > 3
          || (o.length() > 1 && o.charAt(0) == '0')
          || Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code %q} of a plain string (backslashes and quotes escaped). */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String squote(String s) {
    return "'" + s + "'";
  }
}
