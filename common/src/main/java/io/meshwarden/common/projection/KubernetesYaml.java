package io.meshwarden.common.projection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
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

  /**
   * The objects in {@code file}, in order.
   *
   * @throws KubernetesYamlException when the file is not YAML or a document is not an object, with
   *     the line it happened at
   * @throws IOException when the file cannot be read
   */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = EmbeddedDocuments.YAML.createParser(reader);
        MappingIterator<JsonNode> docs =
            EmbeddedDocuments.YAML.readerFor(JsonNode.class).readValues(parser)) {
      while (docs.hasNextValue()) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if (!doc.isObject()) {
          throw new KubernetesYamlException(
              file, line, "document is " + Nodes.describe(doc) + ", not an object", null);
        }
        flatten((ObjectNode) doc, file, line, out);
      }
    } catch (JsonProcessingException e) {
      throw new KubernetesYamlException(
          file, EmbeddedDocuments.line(e), EmbeddedDocuments.problem(e), e);
    } catch (RuntimeException e) {
      // MappingIterator wraps parse errors in RuntimeJsonMappingException.
      if (e.getCause() instanceof JsonProcessingException jpe) {
        throw new KubernetesYamlException(
            file, EmbeddedDocuments.line(jpe), EmbeddedDocuments.problem(jpe), jpe);
      }
      throw e;
    }
    return out;
  }

  private static void flatten(ObjectNode doc, Path file, int line, List<JsonNode> out)
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
      out.add(doc);
      return;
    }
    String itemKind = kind.textValue().substring(0, kind.textValue().length() - "List".length());
    JsonNode apiVersion = doc.get("apiVersion");
    for (JsonNode item : items) {
      if (!item.isObject()) {
        throw new KubernetesYamlException(
            file, line, "an item of " + kind.textValue() + " is not an object", null);
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
      flatten(o, file, line, out);
    }
  }
}
