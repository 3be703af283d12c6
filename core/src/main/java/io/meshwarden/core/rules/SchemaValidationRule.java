package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MW0035 (IST0106): a DestinationRule, ServiceEntry, Gateway, VirtualService, Sidecar,
 * WorkloadEntry, WorkloadGroup, PeerAuthentication or ProxyConfig that Istio's own validation
 * rejects. One result per error, with the error text Istio gives (istioctl reports each error of
 * the validation as its own IST0106 message). Only a subset of Istio's checks is ported (the rule
 * page lists them), so this reports less than istioctl, never an error istioctl would not give; the
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

  private static final Set<String> MTLS_MODES =
      Set.of(
          PeerAuthenticationFacts.UNSET,
          PeerAuthenticationFacts.DISABLE,
          PeerAuthenticationFacts.PERMISSIVE,
          PeerAuthenticationFacts.STRICT);

  private static final String ROUTE_SEMANTICS = "internal.istio.io/route-semantics";

  private static final Set<String> HTTP_OR_TLS =
      Set.of("http", "http2", "http_proxy", "grpc", "grpc-web", "https", "tls");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /**
   * ServiceEntries, Gateways, PeerAuthentications and ProxyConfigs, which reach the rules with the
   * mesh (every namespace's rules may need them): judged once, as the stream evaluates mesh rules.
   * Each object is judged on its own.
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
    for (PeerAuthenticationFacts pa : mesh.peerAuthentications()) {
      report(
          out,
          new ObjectRef(pa.kind().name(), pa.meta().namespace(), pa.meta().name(), pa.meta().uid()),
          peerAuthentication(pa));
    }
    for (IstioConfigFacts pc : mesh.proxyConfigs()) {
      report(out, pc, proxyConfig(pc));
    }
    return out;
  }

  /**
   * DestinationRules, VirtualServices, Sidecars, WorkloadEntries and WorkloadGroups, which live
   * with their namespace's objects.
   */
  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts dr : namespace.istioConfig(FactKind.DestinationRule)) {
      report(out, dr, destinationRule(dr));
    }
    for (IstioConfigFacts vs : namespace.istioConfig(FactKind.VirtualService)) {
      report(out, vs, virtualService(vs));
    }
    for (IstioConfigFacts sc : namespace.istioConfig(FactKind.Sidecar)) {
      report(out, sc, sidecar(sc));
    }
    for (IstioConfigFacts we : namespace.istioConfig(FactKind.WorkloadEntry)) {
      report(out, we, workloadEntry(we));
    }
    for (IstioConfigFacts wg : namespace.istioConfig(FactKind.WorkloadGroup)) {
      report(out, wg, workloadGroup(wg));
    }
    return out;
  }

  private static void report(List<RuleResult> out, IstioConfigFacts c, List<String> errors) {
    report(out, Specs.ref(c), errors);
  }

  private static void report(List<RuleResult> out, ObjectRef ref, List<String> errors) {
    // One message per error; istioctl drops duplicate messages, so equal texts are one result.
    for (String error : new LinkedHashSet<>(errors)) {
      out.add(
          RuleResult.of(
              INFO,
              ref,
              String.format("%s: Schema validation error: %s", Subjects.describe(ref), error),
              Map.of("error", error)));
    }
  }

  /**
   * The errors of Istio's PeerAuthentication validation that meshwarden ports: port-level modes
   * need a selector with labels, and the selector's labels. The facts cannot tell an empty {@code
   * portLevelMtls} from an absent one, and the port-number check reads differently in 1.22 ({@code
   * port cannot be 0}) and 1.28 (a range), so neither is ported. A policy with a mode Istio does
   * not know or a port that is not a number does not decode in Istio, so it is not judged.
   */
  static List<String> peerAuthentication(PeerAuthenticationFacts pa) {
    List<String> errs = new ArrayList<>();
    if (!MTLS_MODES.contains(pa.mode())
        || !pa.portLevelMtls().values().stream().allMatch(MTLS_MODES::contains)
        || !pa.portLevelMtls().keySet().stream().allMatch(k -> k.matches("[0-9]{1,10}"))) {
      return errs;
    }
    if (pa.selector().isEmpty() && !pa.portLevelMtls().isEmpty()) {
      errs.add("mesh/namespace peer authentication cannot have port level mTLS");
    }
    errs.addAll(workloadSelector(pa.selector()));
    return errs;
  }

  /** The errors of Istio's ProxyConfig validation: the selector's labels and the concurrency. */
  static List<String> proxyConfig(IstioConfigFacts pc) {
    JsonNode spec = pc.spec();
    List<String> errs =
        new ArrayList<>(workloadSelector(Specs.labels(spec.path("selector").path("matchLabels"))));
    JsonNode concurrency = spec.path("concurrency");
    if (concurrency.isIntegralNumber()
        && concurrency.canConvertToInt()
        && concurrency.intValue() < 0) {
      errs.add("concurrency must be greater than or equal to 0");
    }
    return errs;
  }

  /**
   * Istio's check of a workload selector's {@code matchLabels}: no empty key, no {@code *} in a key
   * or value (each offending label its own error, both when both apply). A selector without labels
   * is only a warning in Istio, so nothing here.
   */
  private static List<String> workloadSelector(Map<String, String> matchLabels) {
    List<String> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(matchLabels).entrySet()) {
      String label = goQuote(e.getKey() + "=" + e.getValue());
      if (e.getKey().isEmpty()) {
        errs.add("empty key is not supported in selector: " + label);
      }
      if (e.getKey().contains("*") || e.getValue().contains("*")) {
        errs.add("wildcard is not supported in selector: " + label);
      }
    }
    return errs;
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

  /** The errors of Istio's VirtualService validation that meshwarden ports. */
  static List<String> virtualService(IstioConfigFacts vs) {
    List<String> errs = new ArrayList<>();
    if ("gateway".equals(vs.meta().annotations().get(ROUTE_SEMANTICS))) {
      // Gateway API semantics relax the destination and gateway name checks: not judged.
      return errs;
    }
    JsonNode spec = vs.spec();
    List<String> hosts = Specs.texts(spec.path("hosts"));
    List<String> gateways = Specs.texts(spec.path("gateways"));
    boolean delegate = hosts.isEmpty();
    if (delegate) {
      if (!gateways.isEmpty()) {
        errs.add("delegate virtual service must have no gateways specified");
      }
      if (spec.path("tls").size() != 0) {
        errs.add("delegate virtual service must have no tls route specified");
      }
      if (spec.path("tcp").size() != 0) {
        errs.add("delegate virtual service must have no tcp route specified");
      }
    }
    errs.addAll(gatewayNames(gateways));
    boolean mesh = gateways.isEmpty() || gateways.contains("mesh");
    boolean sni = false;
    for (JsonNode tls : spec.path("tls")) {
      for (JsonNode match : tls.path("match")) {
        sni |= match.path("sniHosts").size() > 0;
      }
    }
    // Bound to gateways only, with SNI matches, Istio 1.28 accepts generated outbound_ hosts
    // that Istio 1.22 rejects: such a VirtualService's hosts are not judged.
    boolean hostsJudged = mesh || !sni || hosts.stream().noneMatch(h -> h.startsWith("outbound_"));
    boolean allHostsValid = true;
    for (String host : hostsJudged ? hosts : List.<String>of()) {
      String error = wildcardDomain(host);
      if (error != null) {
        if (!isIpAddress(host)) {
          errs.add(error);
          allHostsValid = false;
        }
      } else if (mesh && host.equals("*")) {
        errs.add("wildcard host * is not allowed for virtual services bound to the mesh gateway");
        allHostsValid = false;
      }
    }
    if (hostsJudged && allHostsValid) {
      for (int i = 0; i < hosts.size(); i++) {
        for (int j = i + 1; j < hosts.size(); j++) {
          if (hostsMatch(hosts.get(i), hosts.get(j))) {
            errs.add("duplicate hosts in virtual service: " + hosts.get(i) + " & " + hosts.get(j));
          }
        }
      }
    }
    if (spec.path("http").size() == 0
        && spec.path("tcp").size() == 0
        && spec.path("tls").size() == 0) {
      errs.add("http, tcp or tls must be provided in virtual service");
    }
    for (JsonNode http : spec.path("http")) {
      if (http.isObject()) {
        errs.addAll(httpRoute(http, delegate));
      }
    }
    for (JsonNode tls : spec.path("tls")) {
      if (tls.isObject()) {
        errs.addAll(tlsRoute(tls, hosts, mesh));
      }
    }
    for (JsonNode tcp : spec.path("tcp")) {
      if (tcp.isObject()) {
        errs.addAll(tcpRoute(tcp));
      }
    }
    errs.addAll(exportTo(vs, false, false));
    return errs;
  }

  private static List<String> httpRoute(JsonNode http, boolean delegateService) {
    List<String> errs = new ArrayList<>();
    boolean redirect = http.path("redirect").isObject();
    boolean directResponse = http.path("directResponse").isObject();
    boolean fault = http.path("fault").isObject();
    boolean rewrite = http.path("rewrite").isObject();
    int routes = http.path("route").size();
    if (!delegateService && http.path("delegate").isObject()) {
      String name = http.path("name").asText("");
      if (redirect) {
        errs.add("root HTTP route " + name + " must not specify redirect");
      }
      if (routes > 0) {
        errs.add("root HTTP route " + name + " must not specify route");
      }
    } else {
      if (delegateService && http.path("delegate").isObject()) {
        errs.add("delegate HTTP route cannot contain delegate");
      }
      if (redirect) {
        if (routes > 0) {
          errs.add("HTTP route cannot contain both route and redirect");
        }
        if (fault) {
          errs.add("HTTP route cannot contain both fault and redirect");
        }
        if (rewrite) {
          errs.add("HTTP route rule cannot contain both rewrite and redirect");
        }
        if (directResponse) {
          errs.add("HTTP route rule cannot contain both direct_response and redirect");
        }
      } else if (directResponse) {
        if (routes > 0) {
          errs.add("HTTP route cannot contain both route and direct_response");
        }
        if (fault) {
          errs.add("HTTP route cannot contain both fault and direct_response");
        }
        if (rewrite) {
          errs.add("HTTP route rule cannot contain both rewrite and direct_response");
        }
      } else if (routes == 0) {
        errs.add("HTTP route, redirect or direct_response is required");
      }
      if (http.path("mirror").isObject() && http.path("mirrors").size() > 0) {
        errs.add("HTTP route cannot contain both mirror and mirrors");
      }
    }
    for (JsonNode match : http.path("match")) {
      if (match.isObject()) {
        errs.addAll(l4Match(match));
        String sourceNamespace = match.path("sourceNamespace").asText("");
        if (!sourceNamespace.isEmpty() && !isDns1123Label(sourceNamespace)) {
          errs.add("sourceNamespace match " + sourceNamespace + " is invalid");
        }
      }
    }
    if (http.path("mirror").isObject()) {
      errs.addAll(destination(http.path("mirror")));
    }
    for (JsonNode mirror : http.path("mirrors")) {
      if (!mirror.isObject()) {
        errs.add("mirror cannot be null");
      } else if (!mirror.path("destination").isObject()) {
        errs.add("destination is required for mirrors");
      } else {
        errs.addAll(destination(mirror.path("destination")));
      }
    }
    if (redirect) {
      addIfNotNull(errs, redirect(http.path("redirect")));
    }
    if (rewrite) {
      JsonNode rw = http.path("rewrite");
      boolean uri = !rw.path("uri").asText("").isEmpty();
      boolean regex = rw.path("uriRegexRewrite").isObject();
      if (uri && regex) {
        errs.add("rewrite may only contain one of URI or UriRegexRewrite");
      } else if (!uri && !regex && rw.path("authority").asText("").isEmpty()) {
        errs.add(
            "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of"
                + " URI or UriRegexRewrite may be specified");
      }
    }
    errs.addAll(routeDestinations(http.path("route")));
    return errs;
  }

  /** Istio's checks of an HTTP redirect: only its first error is reported, as Istio does. */
  private static String redirect(JsonNode redirect) {
    String scheme = redirect.path("scheme").asText("");
    JsonNode port = redirect.path("port");
    JsonNode derive = redirect.path("derivePort");
    boolean portSet = port.isNumber() || !(derive.isMissingNode() || derive.isNull());
    if (redirect.path("uri").asText("").isEmpty()
        && redirect.path("authority").asText("").isEmpty()
        && !portSet
        && scheme.isEmpty()) {
      return "redirect must specify URI, authority, scheme, or port";
    }
    long code = redirect.path("redirectCode").asLong(0);
    if (code != 0 && (code < 300 || code > 399)) {
      return code + " is not a valid redirect code, must be 3xx";
    }
    if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
      return "invalid redirect scheme, must be \"http\" or \"https\"";
    }
    return port.asLong(0) > 0 ? port(port.asLong(0)) : null;
  }

  private static List<String> tlsRoute(JsonNode tls, List<String> hosts, boolean mesh) {
    List<String> errs = new ArrayList<>();
    if (tls.path("match").size() == 0) {
      errs.add("TLS route must have at least one match condition");
    }
    for (JsonNode match : tls.path("match")) {
      if (!match.isObject()) {
        errs.add("TLS match may not be null");
        continue;
      }
      List<String> sniHosts = Specs.texts(match.path("sniHosts"));
      if (sniHosts.isEmpty()) {
        errs.add("TLS match must have at least one SNI host");
      }
      for (String sniHost : sniHosts) {
        // Bound to gateways only, a generated outbound_ SNI host is release-dependent.
        if (mesh || !sniHost.startsWith("outbound_")) {
          addIfNotNull(errs, sniHost(sniHost, hosts));
        }
      }
      errs.addAll(l4Match(match));
    }
    if (tls.path("route").size() == 0) {
      errs.add("TLS route is required");
    }
    errs.addAll(routeDestinations(tls.path("route")));
    return errs;
  }

  private static String sniHost(String sniHost, List<String> hosts) {
    String error = wildcardDomain(sniHost);
    if (error != null) {
      // An IP address is only a warning.
      return isIpAddress(sniHost) ? null : error;
    }
    for (String host : hosts) {
      if (hostSubsetOf(sniHost, host)) {
        return null;
      }
    }
    return "SNI host "
        + goQuote(sniHost)
        + " is not a compatible subset of any of the virtual service hosts: ["
        + String.join(", ", hosts)
        + "]";
  }

  private static List<String> tcpRoute(JsonNode tcp) {
    List<String> errs = new ArrayList<>();
    for (JsonNode match : tcp.path("match")) {
      if (!match.isObject()) {
        errs.add("tcp match may not be nil");
      } else {
        errs.addAll(l4Match(match));
      }
    }
    if (tcp.path("route").size() == 0) {
      errs.add("TCP route is required");
    }
    errs.addAll(routeDestinations(tcp.path("route")));
    return errs;
  }

  /** The match checks HTTP, TLS and TCP routes share: port, source labels, gateways. */
  private static List<String> l4Match(JsonNode match) {
    List<String> errs = new ArrayList<>();
    long port = match.path("port").asLong(0);
    if (port != 0) {
      addIfNotNull(errs, port(port));
    }
    errs.addAll(labels(match.path("sourceLabels")));
    errs.addAll(gatewayNames(Specs.texts(match.path("gateways"))));
    return errs;
  }

  /** Istio's check of the route destinations of an HTTP, TLS or TCP route. */
  private static List<String> routeDestinations(JsonNode routes) {
    List<String> errs = new ArrayList<>();
    long total = 0;
    for (JsonNode route : routes) {
      if (!route.isObject()) {
        errs.add("weight may not be nil");
        continue;
      }
      if (!route.path("destination").isObject()) {
        errs.add("destination is required");
      } else {
        errs.addAll(destination(route.path("destination")));
      }
      long weight = route.path("weight").asLong(0);
      if (weight < 0) {
        errs.add("weight " + weight + " < 0");
      }
      total += weight;
    }
    if (routes.size() > 1 && total == 0) {
      errs.add("total destination weight = 0");
    }
    return errs;
  }

  private static List<String> destination(JsonNode destination) {
    List<String> errs = new ArrayList<>();
    String host = destination.path("host").asText("");
    if (host.equals("*")) {
      errs.add("invalid destination host *");
    } else {
      addIfNotNull(errs, wildcardDomain(host));
    }
    String subset = destination.path("subset").asText("");
    if (!subset.isEmpty() && !isDns1123Label(subset)) {
      errs.add("subset name is invalid: " + subset);
    }
    if (destination.path("port").isObject()) {
      addIfNotNull(errs, port(destination.path("port").path("number").asLong(0)));
    }
    return errs;
  }

  /**
   * Istio's check of gateway names, {@code namespace/name} or a bare name. A bare name ends the
   * check: Istio returns after it, so later names are not judged.
   */
  private static List<String> gatewayNames(List<String> names) {
    List<String> errs = new ArrayList<>();
    for (String name : names) {
      int slash = name.indexOf('/');
      if (slash < 0) {
        addIfNotNull(errs, fqdn(name));
        return errs;
      }
      String namespace = name.substring(0, slash);
      String gateway = name.substring(slash + 1);
      if (namespace.isEmpty() || gateway.isEmpty()) {
        errs.add("config namespace and gateway name cannot be empty");
      }
      if (!isDns1123Label(namespace)) {
        errs.add("invalid value for namespace: " + goQuote(namespace));
      }
      if (!isDns1123Label(gateway)) {
        errs.add("invalid value for gateway name: " + goQuote(gateway));
      }
    }
    return errs;
  }

  /** Istio's check of a fully qualified name without wildcards. */
  private static String fqdn(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
      return "domain name " + goQuote(name) + " too long (max 255)";
    }
    if (name.isEmpty()) {
      return "empty domain name not allowed";
    }
    return dns1123Labels(name);
  }

  /** Istio's {@code host.Name.Matches}: either host, wildcards expanded, covers the other. */
  static boolean hostsMatch(String a, String b) {
    boolean aWild = a.startsWith("*");
    boolean bWild = b.startsWith("*");
    if (aWild && bWild) {
      return a.length() < b.length()
          ? b.substring(1).endsWith(a.substring(1))
          : a.substring(1).endsWith(b.substring(1));
    }
    if (aWild) {
      return b.endsWith(a.substring(1));
    }
    if (bWild) {
      return a.endsWith(b.substring(1));
    }
    return a.equals(b);
  }

  /** Istio's {@code host.Name.SubsetOf}. */
  static boolean hostSubsetOf(String a, String b) {
    boolean aWild = a.startsWith("*");
    boolean bWild = b.startsWith("*");
    if (aWild) {
      return bWild && a.length() >= b.length() && a.substring(1).endsWith(b.substring(1));
    }
    return bWild ? a.endsWith(b.substring(1)) : a.equals(b);
  }

  /** An IPv4 address, or anything with a colon (possibly IPv6), given the benefit of the doubt. */
  private static boolean isIpAddress(String host) {
    return IPV4.matcher(host).matches() || host.contains(":");
  }

  /** The errors of Istio's Sidecar validation that meshwarden ports. */
  static List<String> sidecar(IstioConfigFacts sc) {
    List<String> errs = new ArrayList<>();
    JsonNode spec = sc.spec();
    if (selectorRejected(spec.path("workloadSelector"))) {
      // Istio stops at a rejected workloadSelector with that error alone: not ported.
      return errs;
    }
    JsonNode ingress = spec.path("ingress");
    JsonNode egress = spec.path("egress");
    if (ingress.size() == 0
        && egress.size() == 0
        && !present(spec.path("outboundTrafficPolicy"))
        && !present(spec.path("inboundConnectionPool"))) {
      // Istio returns this error alone.
      errs.add("sidecar: empty configuration provided");
      return errs;
    }
    Set<Long> ports = new HashSet<>();
    for (JsonNode listener : ingress) {
      if (!listener.isObject()) {
        continue;
      }
      JsonNode port = listener.path("port");
      if (!port.isObject()) {
        errs.add("sidecar: port is required for ingress listeners");
        continue;
      }
      if (port.path("targetPort").asLong(0) > 0) {
        errs.add("targetPort has no impact on Sidecars");
      }
      errs.addAll(sidecarPort(port));
      addIfNotNull(errs, port(port.path("number").asLong(0)));
      addIfNotNull(errs, bindAddress(listener.path("bind").asText("")));
      if (!ports.add(port.path("number").asLong(0))) {
        errs.add("sidecar: ports on IP bound listeners must be unique");
      }
      JsonNode tls = listener.path("tls");
      if (tls.isObject()) {
        if (tls.path("subjectAltNames").size() > 0) {
          errs.add("sidecar: subjectAltNames is not supported in ingress tls");
        }
        if (tls.path("httpsRedirect").asBoolean(false)) {
          errs.add("sidecar: httpsRedirect is not supported");
        }
        if (!tls.path("credentialName").asText("").isEmpty()) {
          errs.add("sidecar: credentialName is not currently supported");
        }
        String mode = tls.path("mode").asText("");
        if (mode.equals("ISTIO_MUTUAL") || mode.equals("AUTO_PASSTHROUGH")) {
          errs.add(
              "configuration is invalid: cannot set mode to " + mode + " in sidecar ingress tls");
        }
        String protocol = port.path("protocol").asText("").toLowerCase(Locale.ROOT);
        if (!protocol.equals("https") && !protocol.equals("tls")) {
          errs.add("server cannot have TLS settings for non HTTPS/TLS ports");
        }
      }
    }
    ports.clear();
    Set<String> sockets = new HashSet<>();
    boolean catchAll = false;
    for (int i = 0; i < egress.size(); i++) {
      JsonNode listener = egress.get(i);
      if (!listener.isObject()) {
        continue;
      }
      JsonNode port = listener.path("port");
      String bind = listener.path("bind").asText("");
      if (!port.isObject()) {
        if (catchAll) {
          errs.add("sidecar: egress can have only one listener with empty port");
          continue;
        }
        if (i == egress.size() - 1) {
          catchAll = true;
        } else {
          errs.add(
              "sidecar: the egress listener with empty port should be the last listener in the"
                  + " list");
        }
      } else {
        if (port.path("targetPort").asLong(0) > 0) {
          errs.add("targetPort has no impact on Sidecars");
        }
        errs.addAll(sidecarPort(port));
        long number = port.path("number").asLong(0);
        if (number == 0) {
          if (!bind.startsWith("unix://")) {
            errs.add("sidecar: ports with 0 value must have a unix domain socket bind address");
          } else {
            addIfNotNull(errs, unixAddress(bind.substring("unix://".length())));
          }
          JsonNode mode = listener.path("captureMode");
          String capture = mode.isTextual() ? mode.asText() : "DEFAULT";
          if (!capture.equals("DEFAULT") && !capture.equals("NONE")) {
            errs.add("sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners");
          }
          if (!sockets.add(bind)) {
            errs.add("sidecar: unix domain socket values for listeners must be unique");
          }
        } else {
          addIfNotNull(errs, port(number));
          addIfNotNull(errs, bindAddress(bind));
          if (!ports.add(number)) {
            errs.add("sidecar: ports on IP bound listeners must be unique");
          }
        }
      }
      List<String> hosts = Specs.texts(listener.path("hosts"));
      if (hosts.isEmpty()) {
        errs.add("sidecar: egress listener must contain at least one host");
      }
      for (String host : hosts) {
        errs.addAll(sidecarHost(host));
      }
    }
    JsonNode policy = spec.path("outboundTrafficPolicy");
    JsonNode proxy = policy.path("egressProxy");
    if (policy.isObject() && proxy.isObject()) {
      JsonNode mode = policy.path("mode");
      if (!mode.asText().equals("ALLOW_ANY") && !(mode.isNumber() && mode.asInt() == 1)) {
        errs.add(
            "sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode");
      } else {
        addIfNotNull(errs, fqdn(proxy.path("host").asText("")));
        if (!proxy.path("port").isObject()) {
          errs.add("sidecar: egress_proxy port must be non-nil");
        } else {
          errs.addAll(destination(proxy));
        }
      }
    }
    return errs;
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  /** A Sidecar listener port's optional name and its protocol. */
  private static List<String> sidecarPort(JsonNode port) {
    List<String> errs = new ArrayList<>();
    String name = port.path("name").asText("");
    if (!name.isEmpty() && !isDns1123Label(name)) {
      errs.add("invalid port name: " + name);
    }
    String protocol = port.path("protocol").asText("");
    if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))) {
      errs.add("unsupported protocol: " + protocol);
    }
    return errs;
  }

  /**
   * Istio's check of a listener's bind address. Anything with a colon might be an IPv6 address and
   * is given the benefit of the doubt.
   */
  private static String bindAddress(String bind) {
    if (bind.isEmpty() || IPV4.matcher(bind).matches() || bind.contains(":")) {
      return null;
    }
    return bind + " is not a valid IP";
  }

  private static String unixAddress(String address) {
    if (address.isEmpty()) {
      return "unix address must not be empty";
    }
    if (address.startsWith("@")) {
      return null;
    }
    return !address.startsWith("/") || address.endsWith("/")
        ? address + " is not an absolute path to a file"
        : null;
  }

  /** Istio's check of a Sidecar egress host, {@code namespace/host}. */
  private static List<String> sidecarHost(String hostname) {
    List<String> errs = new ArrayList<>();
    int slash = hostname.indexOf('/');
    if (slash < 0) {
      errs.add("host must be of form namespace/dnsName");
      return errs;
    }
    String namespace = hostname.substring(0, slash);
    String host = hostname.substring(slash + 1);
    if (namespace.isEmpty() || host.isEmpty()) {
      errs.add("config namespace and dnsName in host entry cannot be empty");
    }
    if (!Set.of("*", ".", "~").contains(namespace) && !isDns1123Label(namespace)) {
      errs.add("invalid namespace value " + goQuote(namespace) + " in sidecar");
    }
    if (!host.equals("*") && !host.contains(".")) {
      errs.add("short names (non FQDN) are not allowed");
    }
    addIfNotNull(errs, wildcardDomain(host));
    if (host.contains("*") && host.length() != 1 && !host.startsWith("*.")) {
      errs.add("partial wildcard " + goQuote(host) + " not allowed");
    }
    return errs;
  }

  /** The errors of Istio's WorkloadEntry validation that meshwarden ports. */
  static List<String> workloadEntry(IstioConfigFacts we) {
    List<String> errs = new ArrayList<>();
    JsonNode spec = we.spec();
    String address = spec.path("address").asText("");
    if (address.isEmpty() && spec.path("network").asText("").isEmpty()) {
      // Istio returns this error alone.
      errs.add("address is required");
      return errs;
    }
    if (address.startsWith("unix://")) {
      addIfNotNull(errs, unixAddress(address.substring("unix://".length())));
      if (spec.path("ports").size() != 0) {
        errs.add("unix endpoint " + address + " must not include ports");
      }
    } else if (!address.isEmpty() && !isIpAddress(address) && fqdn(address) != null) {
      errs.add("endpoint address " + goQuote(address) + " is not a valid FQDN or an IP address");
    }
    for (Map.Entry<String, JsonNode> port : spec.path("ports").properties()) {
      if (!isDns1123Label(port.getKey())) {
        errs.add("invalid port name: " + port.getKey());
      }
      addIfNotNull(errs, port(port.getValue().asLong(0)));
    }
    errs.addAll(labels(spec.path("labels")));
    return errs;
  }

  /** The errors of Istio's WorkloadGroup validation that meshwarden ports. */
  static List<String> workloadGroup(IstioConfigFacts wg) {
    List<String> errs = new ArrayList<>();
    JsonNode spec = wg.spec();
    if (!spec.path("template").isObject()) {
      // Istio returns this error alone.
      errs.add("template is required");
      return errs;
    }
    if (!Specs.labels(spec.path("metadata").path("labels")).isEmpty()
        && !labels(spec.path("metadata").path("labels")).isEmpty()) {
      // Istio returns invalid labels alone, in a multi-line text meshwarden does not reproduce.
      return errs;
    }
    JsonNode probe = spec.path("probe");
    if (!probe.isObject()) {
      return errs;
    }
    for (String field :
        List.of(
            "periodSeconds",
            "initialDelaySeconds",
            "timeoutSeconds",
            "successThreshold",
            "failureThreshold")) {
      if (probe.path(field).asLong(0) < 0) {
        errs.add(field + " must be non-negative");
      }
    }
    List<String> methods =
        List.of("httpGet", "tcpSocket", "exec").stream()
            .filter(m -> present(probe.path(m)))
            .toList();
    if (methods.isEmpty()) {
      errs.add("unknown health check method <nil>");
    } else if (methods.size() == 1 && probe.path(methods.get(0)).isObject()) {
      JsonNode method = probe.path(methods.get(0));
      switch (methods.get(0)) {
        case "httpGet", "tcpSocket" -> addIfNotNull(errs, port(method.path("port").asLong(0)));
        default -> {
          if (method.path("command").size() == 0) {
            errs.add("exec.command is required");
          }
        }
      }
    }
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
