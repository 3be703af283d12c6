package io.meshwarden.testkit.kubernetes;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Arrays;
import java.util.Set;

/**
 * One Kubernetes API request as RBAC sees it: verb ({@code get list watch create update patch
 * delete deletecollection}), API group ({@code ""} for the core group), resource with its
 * subresource ({@code injectionpolicies/status}), namespace (null for a cluster-scoped object or a
 * request across all namespaces) and object name (null for a collection). A request outside {@code
 * /api} and {@code /apis/<group>/<version>} (discovery, {@code /version}) is a non-resource
 * request: its {@code resource} is the path and its group is null.
 *
 * @see <a href="https://kubernetes.io/docs/reference/access-authn-authz/authorization/">request
 *     verbs</a>
 */
public record ApiCall(String verb, String group, String resource, String namespace, String name) {

  /** Subresources of a Namespace object, whose path looks like a namespaced collection's. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** The call a request recorded by the mock server stands for. */
  public static ApiCall of(RecordedRequest request) {
    return parse(request.getMethod(), request.getPath());
  }

  /** The call of HTTP {@code method} on {@code rawPath} (path and query). */
  public static ApiCall parse(String method, String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    String query = q < 0 ? "" : rawPath.substring(q + 1);
    String[] parts =
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    String group;
    int skip;
    if (parts.length >= 2 && "api".equals(parts[0])) {
      group = "";
      skip = 2;
    } else if (parts.length >= 3 && "apis".equals(parts[0])) {
      group = parts[1];
      skip = 3;
    } else {
      return new ApiCall(method.toLowerCase(java.util.Locale.ROOT), null, path, null, null);
    }
    String[] rest = Arrays.copyOfRange(parts, skip, parts.length);
    boolean watchPath = rest.length > 0 && "watch".equals(rest[0]);
    if (watchPath) {
      rest = Arrays.copyOfRange(rest, 1, rest.length);
    }
    if (rest.length == 0) {
      return new ApiCall(method.toLowerCase(java.util.Locale.ROOT), null, path, null, null);
    }
    String namespace = null;
    if ("namespaces".equals(rest[0])
        && rest.length >= 3
        && !(rest.length == 3 && NAMESPACE_SUBRESOURCES.contains(rest[2]))) {
      namespace = rest[1];
      rest = Arrays.copyOfRange(rest, 2, rest.length);
    }
    String resource = rest.length > 2 ? rest[0] + "/" + rest[2] : rest[0];
    String name = rest.length > 1 ? rest[1] : null;
    boolean watch =
        watchPath
            || Arrays.asList(query.split("&")).contains("watch=true")
            || Arrays.asList(query.split("&")).contains("watch=1");
    String verb =
        switch (method) {
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name == null ? "deletecollection" : "delete";
          default -> watch ? "watch" : name == null ? "list" : "get";
        };
    return new ApiCall(verb, group, resource, namespace, name);
  }

  /** Whether this is a request outside the resource API (discovery, {@code /version}). */
  public boolean nonResource() {
    return group == null;
  }

  @Override
  public String toString() {
    if (nonResource()) {
      return verb + " " + resource;
    }
    return verb
        + " "
        + (group.isEmpty() ? "core" : group)
        + "/"
        + resource
        + (name == null ? "" : " " + name)
        + (namespace == null ? " (cluster)" : " in " + namespace);
  }
}
