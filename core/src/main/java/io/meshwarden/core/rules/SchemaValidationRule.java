package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MW0035 (IST0106): a DestinationRule, ServiceEntry or Gateway that Istio's own validation rejects.
 * One result per error, with the error text Istio gives (istioctl reports each error of the
 * validation as its own IST0106 message). Only a subset of Istio's checks is ported (the rule page
 * lists them), so this reports less than istioctl, never an error istioctl would not give; the
 * checks ported read the same in Istio 1.22 to 1.28.
 */
public final class SchemaValidationRule implements MeshRule, NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0035", Severity.ERROR, "IST0106", "Istio schema validation error");

  private static final String DNS1123_LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
  private static final Pattern DNS1123_LABEL_RE = Pattern.compile("^" + DNS1123_LABEL + "$");
  private static final Pattern WILDCARD_LABEL_RE =
      Pattern.compile("^(\\*|(\\*|\\*-)?" + DNS1123_LABEL + ")$");
  private static final String QUALIFIED_NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern TAG_KEY_RE =
      Pattern.compile(
          "^(" + DNS1123_LABEL + "(?:\\." + DNS1123_LABEL + ")*/)?(" + QUALIFIED_NAME + ")$");
  private static final Pattern LABEL_VALUE_RE = Pattern.compile("^(" + QUALIFIED_NAME + ")?$");

  private static final String OCTET =
      "(?:0|1[0-9]{0,2}|2(?:[0-4][0-9]?|5[0-5]?|[6-9])?|[3-9][0-9]?)";
  private static final Pattern IPV4 =
      Pattern.compile("^" + OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + "$");

  /** Protocol names Istio parses (case-insensitive) and which of them are HTTP or TLS. */
  private static final Set<String> PROTOCOLS =
      Set.of(
          "tcp",
          "udp",
          "grpc",
          "grpc-web",
          "http",
          "http_proxy",
          "http2",
          "https",
          "tls",
          "mongo",
          "redis",
          "mysql");

  private static final Set<String> HTTP_OR_TLS =
      Set.of("http", "http2", "http_proxy", "grpc", "grpc-web", "https", "tls");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /**
   * ServiceEntries and Gateways, which reach the rules with the mesh (every namespace's rules may
   * need them): judged once, as the stream evaluates mesh rules. Each object is judged on its own.
   */
  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts se : mesh.serviceEntries()) {
      report(out, se, serviceEntry(se));
    }
    for (IstioConfigFacts gw : mesh.gateways()) {
      report(out, gw, gateway(gw));
    }
    return out;
  }

  /** DestinationRules, which live with their namespace's objects. */
  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts dr : namespace.istioConfig(FactKind.DestinationRule)) {
      report(out, dr, destinationRule(dr));
    }
    return out;
  }

  private static void report(List<RuleResult> out, IstioConfigFacts c, List<String> errors) {
    // One message per error; istioctl drops duplicate messages, so equal texts are one result.
    for (String error : new LinkedHashSet<>(errors)) {
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(c),
              String.format(
                  "%s: Schema validation error: %s", Subjects.describe(Specs.ref(c)), error),
              Map.of("error", error)));
    }
  }

  /** The errors of Istio's DestinationRule validation that meshwarden ports. */
  static List<String> destinationRule(IstioConfigFacts dr) {
    List<String> errs = new ArrayList<>();
    JsonNode spec = dr.spec();
    addIfNotNull(errs, wildcardDomain(spec.path("host").asText("")));
    Set<String> names = new HashSet<>();
    for (JsonNode subset : spec.path("subsets")) {
      if (!subset.isObject()) {
        continue;
      }
      String name = subset.path("name").asText("");
      if (!names.add(name)) {
        errs.add("duplicate subset names: " + name);
      }
      if (name.isEmpty()) {
        errs.add("subset name cannot be empty");
      } else if (!isDns1123Label(name)) {
        errs.add("subset name is invalid: " + name);
      }
      errs.addAll(labels(subset.path("labels")));
    }
    errs.addAll(exportTo(dr, false, Specs.hasWorkloadSelector(dr)));
    return errs;
  }

  /** The errors of Istio's ServiceEntry validation that meshwarden ports. */
  static List<String> serviceEntry(IstioConfigFacts se) {
    List<String> errs = new ArrayList<>();
    JsonNode spec = se.spec();
    String resolution = spec.path("resolution").asText("NONE");
    if (!Set.of("NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN").contains(resolution)
        || selectorRejected(spec.path("workloadSelector"))) {
      // Istio stops at a rejected workloadSelector with that error alone, and DYNAMIC_DNS has
      // release-dependent checks: neither is ported, so nothing is said rather than too much.
      return errs;
    }
    if (Specs.hasWorkloadSelector(se) && spec.path("endpoints").size() > 0) {
      errs.add("only one of WorkloadSelector or Endpoints is allowed in Service Entry");
    }
    List<String> hosts = Specs.texts(spec.path("hosts"));
    if (hosts.isEmpty()) {
      errs.add("service entry must have at least one host");
    }
    for (String host : hosts) {
      if (host.equals("*")) {
        errs.add("invalid host *");
      } else {
        addIfNotNull(errs, wildcardDomain(host));
      }
    }
    Set<String> portNames = new HashSet<>();
    Set<Long> portNumbers = new HashSet<>();
    for (JsonNode port : spec.path("ports")) {
      if (!port.isObject()) {
        continue;
      }
      String name = port.path("name").asText("");
      long number = port.path("number").asLong(0);
      if (!portNames.add(name)) {
        errs.add("service entry port name " + goQuote(name) + " already defined");
      }
      if (!portNumbers.add(number)) {
        errs.add("service entry port " + number + " already defined");
      }
      long target = port.path("targetPort").asLong(0);
      if (target != 0) {
        addIfNotNull(errs, port(target));
      }
      if (!isDns1123Label(name)) {
        errs.add("invalid port name: " + name);
      }
      String protocol = port.path("protocol").asText("");
      if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))) {
        errs.add("unsupported protocol: " + protocol);
      }
      addIfNotNull(errs, port(number));
    }
    int endpoints = spec.path("endpoints").size();
    if (resolution.equals("NONE") && endpoints != 0) {
      errs.add("no endpoints should be provided for resolution type none");
    }
    if (resolution.equals("DNS_ROUND_ROBIN") && endpoints > 1) {
      errs.add("there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN");
    }
    if (!resolution.equals("NONE") && hosts.size() > 1) {
      for (JsonNode port : spec.path("ports")) {
        String protocol = port.path("protocol").asText("").toLowerCase(Locale.ROOT);
        if (port.isObject() && !HTTP_OR_TLS.contains(protocol)) {
          errs.add("multiple hosts provided with non-HTTP, non-TLS ports");
          break;
        }
      }
    }
    errs.addAll(exportTo(se, true, false));
    return errs;
  }

  /** The errors of Istio's Gateway validation that meshwarden ports. */
  static List<String> gateway(IstioConfigFacts gw) {
    List<String> errs = new ArrayList<>();
    String name = gw.meta().name();
    if (!isDns1123Label(name)) {
      errs.add("invalid gateway name: " + goQuote(name));
    }
    JsonNode servers = gw.spec().path("servers");
    if (servers.size() == 0) {
      errs.add("gateway must have at least one server");
    }
    Set<String> portNames = new HashSet<>();
    for (JsonNode server : servers) {
      if (!server.isObject()) {
        continue;
      }
      errs.addAll(server(server));
      JsonNode port = server.path("port");
      if (port.isObject() && !portNames.add(port.path("name").asText(""))) {
        errs.add(
            "port names in servers must be unique: duplicate name " + port.path("name").asText(""));
      }
    }
    return errs;
  }

  private static List<String> server(JsonNode server) {
    List<String> errs = new ArrayList<>();
    List<String> hosts = Specs.texts(server.path("hosts"));
    if (hosts.isEmpty()) {
      errs.add("server config must contain at least one host");
    }
    for (String host : hosts) {
      errs.addAll(gatewayHost(host));
    }
    JsonNode port = server.path("port");
    boolean portValid = port.isObject();
    if (!port.isObject()) {
      errs.add("port is required");
    } else {
      String protocol = port.path("protocol").asText("");
      if (!PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))) {
        errs.add(
            "invalid protocol "
                + goQuote(protocol)
                + ", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL,"
                + " TCP");
        portValid = false;
      }
      long number = port.path("number").asLong(0);
      if (number > 0 || !server.path("bind").asText("").startsWith("unix://")) {
        String error = port(number);
        if (error != null) {
          errs.add(error);
          portValid = false;
        }
      }
      if (port.path("targetPort").asLong(0) > 0) {
        errs.add("targetPort has no impact on Gateways");
        portValid = false;
      }
      // An unnamed port is an error too, in a text meshwarden does not reproduce.
      portValid = portValid && !port.path("name").asText("").isEmpty();
    }
    if (portValid) {
      String protocol = port.path("protocol").asText("").toLowerCase(Locale.ROOT);
      boolean tls = protocol.equals("https") || protocol.equals("tls");
      boolean http = HTTP_OR_TLS.contains(protocol) && !tls;
      boolean hasTls = server.path("tls").isObject();
      if (tls && !hasTls) {
        errs.add("server must have TLS settings for HTTPS/TLS protocols");
      } else if (!tls && hasTls && !http) {
        errs.add("server cannot have TLS settings for non HTTPS/TLS ports");
      }
    }
    return errs;
  }

  /** Istio's check of a Gateway server host, {@code namespace/host} or a bare host. */
  private static List<String> gatewayHost(String hostname) {
    List<String> errs = new ArrayList<>();
    int slash = hostname.indexOf('/');
    if (slash < 0) {
      return gatewayHostPart(hostname);
    }
    String namespace = hostname.substring(0, slash);
    String host = hostname.substring(slash + 1);
    if (namespace.isEmpty() || host.isEmpty()) {
      errs.add("config namespace and dnsName in host entry cannot be empty");
    }
    if (!namespace.equals("*") && !namespace.equals(".") && !isDns1123Label(namespace)) {
      errs.add("invalid namespace value " + goQuote(namespace) + " in gateway");
    }
    errs.addAll(gatewayHostPart(host));
    return errs;
  }

  private static List<String> gatewayHostPart(String host) {
    List<String> errs = new ArrayList<>();
    if (!host.equals("*") && !host.contains(".")) {
      errs.add("short names (non FQDN) are not allowed");
    }
    String error = wildcardDomain(host);
    // A Gateway host may be an IP address; anything with a colon might be an IPv6 one, so it is
    // given the benefit of the doubt.
    if (error != null && !IPV4.matcher(host).matches() && !host.contains(":")) {
      errs.add(error);
    }
    if (host.contains("*") && host.length() != 1 && !host.startsWith("*.")) {
      errs.add("partial wildcard " + goQuote(host) + " not allowed");
    }
    return errs;
  }

  /** Whether Istio rejects the selector outright (an empty key, or a {@code *} anywhere). */
  private static boolean selectorRejected(JsonNode selector) {
    for (Map.Entry<String, String> e : Specs.labels(selector.path("labels")).entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().contains("*") || e.getValue().contains("*")) {
        return true;
      }
    }
    return false;
  }

  /** Istio's check of a host that may start with a wildcard label. */
  static String wildcardDomain(String domain) {
    if (domain.getBytes(StandardCharsets.UTF_8).length > 255) {
      return "domain name " + goQuote(domain) + " too long (max 255)";
    }
    if (domain.isEmpty()) {
      return "empty domain name not allowed";
    }
    int dot = domain.indexOf('.');
    String first = dot < 0 ? domain : domain.substring(0, dot);
    if (first.length() > 63 || !WILDCARD_LABEL_RE.matcher(first).matches()) {
      return invalidLabel(domain, first);
    }
    return dot < 0 ? null : dns1123Labels(domain.substring(dot + 1));
  }

  private static String dns1123Labels(String domain) {
    String[] parts = domain.split("\\.", -1);
    String top = parts[parts.length - 1];
    if (allNumeric(top)) {
      return "domain name "
          + goQuote(domain)
          + " invalid (top level domain "
          + goQuote(top)
          + " cannot be all-numeric)";
    }
    for (int i = 0; i < parts.length; i++) {
      if (i == parts.length - 1 && parts[i].isEmpty()) {
        return null;
      }
      if (!isDns1123Label(parts[i])) {
        return invalidLabel(domain, parts[i]);
      }
    }
    return null;
  }

  /** Go's {@code strconv.Atoi} succeeds: an optional sign and ASCII digits that fit 64 bits. */
  private static boolean allNumeric(String s) {
    if (!s.matches("[+-]?[0-9]+")) {
      return false;
    }
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String invalidLabel(String domain, String label) {
    return "domain name " + goQuote(domain) + " invalid (label " + goQuote(label) + " invalid)";
  }

  private static String port(long number) {
    return number >= 1 && number <= 65535
        ? null
        : "port number " + number + " must be in the range 1..65535";
  }

  /** Istio's check of subset or endpoint labels (Kubernetes label syntax). */
  private static List<String> labels(JsonNode labels) {
    List<String> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : Specs.labels(labels).entrySet()) {
      String key = e.getKey();
      Matcher m = TAG_KEY_RE.matcher(key);
      if (!m.matches()) {
        errs.add("invalid tag key: " + goQuote(key));
      } else if (m.group(1) != null && m.group(1).length() - 1 > 253) {
        errs.add("invalid tag key: " + goQuote(key) + " (DNS prefix is too long)");
      } else if (m.group(2).length() > 63) {
        errs.add("invalid tag key: " + goQuote(key) + " (name is too long)");
      }
      if (!LABEL_VALUE_RE.matcher(e.getValue()).matches()) {
        errs.add("invalid tag value: " + goQuote(e.getValue()));
      }
    }
    return errs;
  }

  /** Istio's {@code exportTo} checks of a DestinationRule or ServiceEntry. */
  private static List<String> exportTo(
      IstioConfigFacts c, boolean serviceEntry, boolean drWithSelector) {
    List<String> errs = new ArrayList<>();
    List<String> exportTo = Specs.texts(c.spec().path("exportTo"));
    if (exportTo.isEmpty()) {
      return errs;
    }
    String namespace = c.meta().namespace();
    Set<String> seen = new HashSet<>();
    for (String e : exportTo) {
      String key = e.equals(".") ? namespace : e;
      if (seen.contains(key)) {
        errs.add(
            key.equals(e)
                ? "duplicate entries in exportTo for entry " + e
                : "duplicate entries in exportTo: . and current namespace " + namespace);
      } else if (serviceEntry && e.equals("~")) {
        seen.add(key);
      } else if (key.equals("~")) {
        errs.add("exportTo ~ (none) is not allowed for Istio configuration objects");
      } else if (!key.equals(".") && !key.equals("*") && !isDns1123Label(key)) {
        errs.add("only .,*, or a valid DNS 1123 label is allowed as exportTo entry");
      } else {
        seen.add(key);
      }
    }
    if (drWithSelector && !seen.isEmpty()) {
      if (seen.contains(namespace)) {
        if (seen.size() > 1) {
          errs.add(
              "destination rule with workload selector cannot have multiple entries in exportTo");
        }
      } else {
        errs.add(
            "destination rule with workload selector cannot have exportTo beyond current namespace");
      }
    }
    if (seen.contains("*") && exportTo.size() > 1) {
      errs.add("cannot have both public (*) and non-public exportTo values for a resource");
    }
    if (seen.contains("~") && exportTo.size() > 1) {
      errs.add("cannot export service entry to no one (~) and someone");
    }
    return errs;
  }

  private static boolean isDns1123Label(String value) {
    return value.length() <= 63 && DNS1123_LABEL_RE.matcher(value).matches();
  }

  private static void addIfNotNull(List<String> errs, String error) {
    if (error != null) {
      errs.add(error);
    }
  }

  /**
   * Go's {@code %q} of a string: quotes and backslashes escaped, ASCII control characters as Go
   * writes them; other characters are kept (Go escapes non-printable Unicode too, which no name the
   * API server accepts holds).
   */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"', '\\' -> b.append('\\').append(ch);
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            b.append(String.format("\\x%02x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
