package io.meshwarden.alerting.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.alerting.routing.GroupSettings;
import io.meshwarden.alerting.routing.Matcher;
import io.meshwarden.alerting.routing.Route;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.protocol.RemediationRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the routing file (receivers and the route tree, in Alertmanager's shape).
 * Every problem is collected and reported at once in one {@link ConfigException}, each with its
 * path in the file.
 */
public final class RoutingConfigReader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP = Set.of("route", "receivers", "defaults", "templates");
  private static final Set<String> ROUTE_KEYS =
      Set.of(
          "receiver",
          "match",
          "match_re",
          "matchers",
          "continue",
          "group_by",
          "group_wait",
          "group_interval",
          "repeat_interval",
          "notify_outcomes",
          "routes");

  private final Map<String, String> env;

  /**
   * @param env where {@code env:NAME} secrets are looked up
   */
  public RoutingConfigReader(Map<String, String> env) {
    this.env = env;
  }

  /** Reads {@code file}. */
  public RoutingConfig read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException("Cannot read routing file " + file + ": " + e, e);
    }
  }

  /** Parses YAML text; {@code source} names it in messages. */
  public RoutingConfig parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "Malformed YAML in routing file " + source + ": " + e.getOriginalMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new ConfigException("Routing file " + source + " must hold a YAML mapping");
    }
    Fields top = new Fields(root, "", problems, env);
    top.rejectUnknown(TOP);
    Fields templates = top.child("templates");
    int maxValue = templates.integer("max_value_length", 1024, 16, 100_000);
    templates.rejectUnknown(Set.of("max_value_length"));
    DeliveryPolicy defaults =
        new ReceiverReader(env).policy(top.child("defaults"), DeliveryPolicy.defaults());
    Map<String, ReceiverConfig> receivers =
        new ReceiverReader(env).readAll(top, defaults, problems);
    Route route = null;
    if (!top.has("route")) {
      problems.add("route: required");
    } else {
      route = route(top.child("route"), "0", null, receivers, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(
          "Invalid routing file " + source + ":\n  " + String.join("\n  ", problems));
    }
    return new RoutingConfig(receivers, route, maxValue);
  }

  private Route route(
      Fields f,
      String id,
      Route parent,
      Map<String, ReceiverConfig> receivers,
      List<String> problems) {
    f.rejectUnknown(ROUTE_KEYS);
    String receiver = f.string("receiver", parent == null ? null : parent.receiver());
    if (receiver == null) {
      f.problem("receiver", "required on the root route");
    } else if (!receivers.containsKey(receiver)) {
      f.problem("receiver", "no receiver named '" + receiver + "'; known: " + receivers.keySet());
    }
    GroupSettings inherited = parent == null ? GroupSettings.defaults() : parent.group();
    List<String> groupBy = f.has("group_by") ? f.strings("group_by") : inherited.groupBy();
    if (groupBy.contains(GroupSettings.ALL) && groupBy.size() > 1) {
      f.problem("group_by", "'...' groups by every label and cannot be combined with others");
    }
    GroupSettings group =
        new GroupSettings(
            groupBy,
            f.duration("group_wait", inherited.groupWait()),
            positive(f, "group_interval", f.duration("group_interval", inherited.groupInterval())),
            positive(
                f, "repeat_interval", f.duration("repeat_interval", inherited.repeatInterval())));
    List<Matcher> matchers = parent == null ? List.of() : matchers(f);
    if (parent == null && (f.has("match") || f.has("match_re") || f.has("matchers"))) {
      f.problem("matchers", "the root route matches every alert and takes no matchers");
    }
    boolean cont = f.bool("continue", false);
    Set<String> outcomes = noticeOutcomes(f, parent);
    Route self = new Route(id, receiver, matchers, cont, group, outcomes, List.of());
    List<Route> children = new ArrayList<>();
    JsonNode list = f.raw("routes");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        f.problem("routes", "expected a list of routes");
      } else {
        for (int i = 0; i < list.size(); i++) {
          Fields cf = new Fields(list.get(i), f.at("routes[" + i + "]"), problems, env);
          children.add(route(cf, id + "." + i, self, receivers, problems));
        }
      }
    }
    return new Route(id, receiver, matchers, cont, group, outcomes, children);
  }

  /** {@code notify_outcomes}: inherited, upper case, each a remediation outcome. */
  private static Set<String> noticeOutcomes(Fields f, Route parent) {
    if (!f.has("notify_outcomes")) {
      return parent == null ? Route.DEFAULT_NOTICE_OUTCOMES : parent.noticeOutcomes();
    }
    Set<String> out = new java.util.TreeSet<>();
    for (String s : f.strings("notify_outcomes")) {
      String o = s.toUpperCase(java.util.Locale.ROOT);
      if (java.util.Arrays.stream(RemediationRecord.Outcome.values())
          .noneMatch(v -> v.name().equals(o))) {
        f.problem(
            "notify_outcomes",
            "unknown outcome '"
                + s
                + "'; known: "
                + java.util.Arrays.toString(RemediationRecord.Outcome.values()));
      } else {
        out.add(o);
      }
    }
    return out;
  }

  private static List<Matcher> matchers(Fields f) {
    List<Matcher> out = new ArrayList<>();
    Map<String, Matcher.Op> maps = new LinkedHashMap<>();
    maps.put("match", Matcher.Op.EQ);
    maps.put("match_re", Matcher.Op.RE);
    maps.forEach(
        (key, op) -> {
          Fields m = f.child(key);
          JsonNode node = f.raw(key);
          if (node == null || !node.isObject()) {
            return;
          }
          node.fieldNames()
              .forEachRemaining(
                  name -> {
                    try {
                      out.add(Matcher.of(name, op, m.requiredString(name)));
                    } catch (IllegalArgumentException | NullPointerException e) {
                      m.problem(name, String.valueOf(e.getMessage()));
                    }
                  });
        });
    List<String> texts = f.strings("matchers");
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(Matcher.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        f.problem("matchers[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  private static java.time.Duration positive(Fields f, String key, java.time.Duration d) {
    if (d.isZero()) {
      f.problem(key, "must be longer than zero");
      return java.time.Duration.ofSeconds(1);
    }
    return d;
  }
}
