package io.meshwarden.testkit.sim;

import java.util.Arrays;

/**
 * A Kubernetes API request as the API server sees it: verb ({@code get list watch create update
 * patch delete}) and resource plural.
 */
record RequestInfo(String verb, String resource) {

  static RequestInfo parse(String method, String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    String query = q < 0 ? "" : rawPath.substring(q + 1);
    String[] parts =
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    int skip = parts.length > 0 && "api".equals(parts[0]) ? 2 : 3;
    String[] rest =
        parts.length > skip ? Arrays.copyOfRange(parts, skip, parts.length) : new String[0];
    boolean watchPath = rest.length > 0 && "watch".equals(rest[0]);
    if (watchPath) {
      rest = Arrays.copyOfRange(rest, 1, rest.length);
    }
    String plural;
    boolean named;
    if (rest.length >= 3 && "namespaces".equals(rest[0])) {
      plural = rest[2];
      named = rest.length > 3;
    } else {
      plural = rest.length > 0 ? rest[0] : "";
      named = rest.length > 1;
    }
    String verb =
        switch (method) {
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          default -> watchPath || query.contains("watch=true") ? "watch" : named ? "get" : "list";
        };
    return new RequestInfo(verb, plural);
  }
}
