package io.meshwarden.common.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML and JSON readers the projection shares: for documents embedded in ConfigMaps and for
 * {@link KubernetesYaml}. Error descriptions name the problem and the line but never quote the
 * text, which may be anything.
 */
final class EmbeddedDocuments {

  /** Generous: {@code kubectl get -A -o yaml} of a large cluster is far above snakeyaml's 3 MB. */
  static final int MAX_YAML_CODE_POINTS = 256 * 1024 * 1024;

  static final YAMLMapper YAML = yamlMapper();
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private EmbeddedDocuments() {}

  private static YAMLMapper yamlMapper() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_YAML_CODE_POINTS);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            // An empty document is null, not "" (the builder does not default this as
            // new YAMLFactory() does).
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    return YAMLMapper.builder(factory)
        // Keep "1.10" as written instead of the double 1.1 (versions, tags).
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  /** A YAML document as a tree; an empty document gives null. */
  static JsonNode yaml(String text) throws JsonProcessingException {
    JsonNode n = YAML.readTree(text);
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** A JSON document as a tree; an empty document gives null. */
  static JsonNode json(String text) throws JsonProcessingException {
    JsonNode n = JSON.readTree(text);
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** The line (1-based) a parse error points at, or -1. */
  static int line(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return marked.getProblemMark().getLine() + 1;
    }
    return e.getLocation() == null ? -1 : e.getLocation().getLineNr();
  }

  /** What is wrong, without quoting the input. */
  static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      String problem = marked.getProblem();
      if (marked.getContext() != null && marked.getContextMark() != null) {
        // "found unexpected end of stream (while scanning a quoted scalar from line 3)"
        problem +=
            " ("
                + marked.getContext()
                + " from line "
                + (marked.getContextMark().getLine() + 1)
                + ")";
      }
      return problem;
    }
    String m = String.valueOf(e.getOriginalMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** {@code problem (line N)}. */
  static String describe(JsonProcessingException e) {
    int line = line(e);
    return line < 0 ? problem(e) : problem(e) + " (line " + line + ")";
  }
}
