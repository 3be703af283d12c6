package io.meshwarden.common.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe paths {@code istio-proxy} serves for the app, read from the keys of the JSON object in
 * its environment variable {@code ISTIO_KUBE_APP_PROBERS} ({@code {"/app-health/web/readyz":
 * {...original probe...}}}).
 *
 * <p>The object is streamed: keys are kept, every value (the original probes, which may carry
 * headers with credentials) is skipped without being materialised. A value that is not a JSON
 * object gives no keys: Kubernetes accepts any string there, so the pod itself is still valid.
 */
final class AppProbers {

  private static final JsonFactory JSON = new JsonFactory();

  private AppProbers() {}

  static List<String> keys(Source src, JsonNode container) {
    JsonNode env = Nodes.get(container, "env");
    if (env == null || !env.isArray()) {
      return List.of();
    }
    for (JsonNode var : env) {
      JsonNode name = var.get("name");
      if (name != null && PodSpecReader.APP_PROBERS_ENV.equals(name.textValue())) {
        JsonNode value = var.get("value");
        return value != null && value.isTextual() ? parseKeys(src, value.textValue()) : List.of();
      }
    }
    return List.of();
  }

  static List<String> parseKeys(Source src, String json) {
    if (json.isBlank()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(4);
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        keys.add(src.intern(p.currentName()));
        p.nextToken();
        p.skipChildren();
      }
    } catch (IOException e) {
      return List.of();
    }
    return keys;
  }
}
