package io.meshwarden.common.projection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kubernetes manifests for the offline {@code analyze} command: multi-document YAML (or JSON,
 * which is YAML) as {@code kubectl get -o yaml} prints it or as people keep it in git.
 *
 * <p>Empty documents are skipped. A list ({@code kind: List}, or a typed list such as {@code
 * PodList} from the raw API) is flattened into its items, and typed-list items that lack {@code
 * kind} or {@code apiVersion} get them from the list. Each returned tree is an object, ready for
 * {@link FactProjector#project}.
 */
public final class KubernetesYaml {

  private KubernetesYaml() {}

  /** One object of a manifest file and the line it starts at (1-based). */
  public record Located(JsonNode object, int line) {}

  /**
   * The objects in {@code file}, in order.
   *
   * @throws KubernetesYamlException when the file is not YAML or a document is not an object, with
   *     the line it happened at
   * @throws IOException when the file cannot be read
   */
  public static List<JsonNode> read(Path file) throws IOException {
    return readLocated(file).stream().map(Located::object).toList();
  }

  /**
   * The objects in {@code file}, in order, each with the line it starts at: a document's first
   * line, or for an item of a list the item's own line (so a SARIF report can point at it).
   *
   * @throws KubernetesYamlException when the file is not YAML or a document is not an object, with
   *     the line it happened at
   * @throws IOException when the file cannot be read
   */
  public static List<Located> readLocated(Path file) throws IOException {
    List<Located> out = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = EmbeddedDocuments.YAML.createParser(reader)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          JsonNode doc = EmbeddedDocuments.YAML.readTree(parser);
          if (doc == null || doc.isNull() || doc.isMissingNode()) {
            continue;
          }
          throw new KubernetesYamlException(
              file, line, "document is " + Nodes.describe(doc) + ", not an object", null);
        }
        List<Integer> itemLines = new ArrayList<>();
        ObjectNode doc = readDocument(parser, itemLines);
        flatten(doc, file, line, itemLines, out);
      }
    } catch (JsonProcessingException e) {
      throw new KubernetesYamlException(
          file, EmbeddedDocuments.line(e), EmbeddedDocuments.problem(e), e);
    }
    return out;
  }

  /**
   * Reads the object the parser stands at the start of, noting the line of each element of its
   * top-level {@code items} array (the trees themselves carry no positions).
   */
  private static ObjectNode readDocument(JsonParser parser, List<Integer> itemLines)
      throws IOException {
    ObjectNode doc = EmbeddedDocuments.YAML.createObjectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("items") && value == JsonToken.START_ARRAY) {
        ArrayNode items = EmbeddedDocuments.YAML.createArrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          itemLines.add(parser.currentTokenLocation().getLineNr());
          items.add(readValue(parser));
        }
        doc.set(field, items);
      } else {
        doc.set(field, readValue(parser));
      }
    }
    return doc;
  }

  private static JsonNode readValue(JsonParser parser) throws IOException {
    JsonNode value = EmbeddedDocuments.YAML.readTree(parser);
    return value == null ? NullNode.getInstance() : value;
  }

  private static void flatten(
      ObjectNode doc, Path file, int line, List<Integer> itemLines, List<Located> out)
      throws KubernetesYamlException {
    JsonNode kind = doc.get("kind");
    JsonNode items = doc.get("items");
    boolean list =
        kind != null
            && kind.isTextual()
            && kind.textValue().endsWith("List")
            && items != null
            && items.isArray();
    if (!list) {
      out.add(new Located(doc, line));
      return;
    }
    String itemKind = kind.textValue().substring(0, kind.textValue().length() - "List".length());
    JsonNode apiVersion = doc.get("apiVersion");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      int itemLine = i < itemLines.size() ? itemLines.get(i) : line;
      if (!item.isObject()) {
        throw new KubernetesYamlException(
            file, itemLine, "an item of " + kind.textValue() + " is not an object", null);
      }
      ObjectNode o = (ObjectNode) item;
      if (!itemKind.isEmpty()) {
        if (!o.has("kind")) {
          o.put("kind", itemKind);
        }
        if (!o.has("apiVersion") && apiVersion != null && apiVersion.isTextual()) {
          o.set("apiVersion", apiVersion);
        }
      }
      // A list nested in a list: its items keep the line of the inner list.
      flatten(o, file, itemLine, List.of(), out);
    }
  }
}
