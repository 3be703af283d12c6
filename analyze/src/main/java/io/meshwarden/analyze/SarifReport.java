package io.meshwarden.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleInfo;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Findings as SARIF 2.1.0, for code scanning in CI: one run, the rule catalogue as the driver's
 * rules, one result per finding located in the manifest file that declares its subject.
 */
final class SarifReport {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<Rule> rules;
  private final String version;

  SarifReport(List<Rule> rules, String version) {
    this.rules = rules;
    this.version = version;
  }

  /**
   * @param locate the file (relative to the working directory when under it) that declares a
   *     finding's subject, or null
   */
  void write(List<Finding> findings, Function<Finding, Manifests.Source> locate, PrintWriter out) {
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "meshwarden");
    driver.put("version", version);
    Map<String, Integer> index = new HashMap<>();
    ArrayNode ruleArray = driver.putArray("rules");
    for (Rule rule : rules) {
      index.put(rule.info().code(), index.size());
      ruleArray.add(rule(rule.info()));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : findings) {
      results.add(result(f, index.get(f.code()), locate.apply(f)));
    }
    try {
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode rule(RuleInfo info) {
    ObjectNode r = mapper.createObjectNode();
    r.put("id", info.code());
    r.put("name", info.title().replaceAll("[^A-Za-z0-9]+", " ").trim());
    r.putObject("shortDescription").put("text", info.title());
    r.putObject("help").put("text", "See docs/rules/" + info.code() + ".md");
    r.putObject("defaultConfiguration").put("level", level(info.severity()));
    ObjectNode props = r.putObject("properties");
    if (info.istioCode() != null) {
      props.put("istioCode", info.istioCode());
    }
    props.putArray("tags").add("istio").add("service-mesh");
    return r;
  }

  private ObjectNode result(Finding f, Integer ruleIndex, Manifests.Source source) {
    Path file = source == null ? null : source.file();
    ObjectNode r = mapper.createObjectNode();
    r.put("ruleId", f.code());
    if (ruleIndex != null) {
      r.put("ruleIndex", ruleIndex);
    }
    r.put("level", level(f.severity()));
    r.putObject("message").put("text", f.message());
    ObjectNode location = r.putArray("locations").addObject();
    if (file != null) {
      ObjectNode artifact = location.putObject("physicalLocation").putObject("artifactLocation");
      artifact.put("uri", file.toString().replace('\\', '/'));
      if (!file.isAbsolute()) {
        artifact.put("uriBaseId", "%SRCROOT%");
      }
      if (source.line() > 0) {
        ((ObjectNode) location.get("physicalLocation"))
            .putObject("region")
            .put("startLine", source.line());
      }
    }
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    logical.put("name", f.subject().name());
    logical.put("fullyQualifiedName", f.subject().key());
    logical.put("kind", "resource");
    r.putObject("partialFingerprints").put("meshwardenFingerprint/v1", f.fingerprint());
    ObjectNode props = r.putObject("properties");
    if (f.istioCode() != null) {
      props.put("istioCode", f.istioCode());
    }
    f.details().forEach(props::put);
    return r;
  }

  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
