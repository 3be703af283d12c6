package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the RBAC manifests of a directory grant one service account, evaluated as the API server's
 * RBAC authorizer does for resource requests: a ClusterRole bound by a ClusterRoleBinding applies
 * in every namespace and to cluster-scoped objects; a Role, or a ClusterRole bound by a
 * RoleBinding, only in the binding's namespace. Wildcards ({@code *}) and {@code resourceNames} are
 * honoured; aggregation and non-resource URLs are not (meshwarden's roles use neither).
 */
public final class Rbac {

  /**
   * One verb on one resource, granted by {@code role}: in {@code namespace}, or everywhere when it
   * is null.
   */
  public record Grant(
      String verb,
      String group,
      String resource,
      String namespace,
      List<String> resourceNames,
      String role) {

    /** Whether this grant authorizes {@code call}. */
    public boolean allows(ApiCall call) {
      return !call.nonResource()
          && matches(verb, call.verb())
          && matches(group, call.group())
          && matches(resource, call.resource())
          && (namespace == null || namespace.equals(call.namespace()))
          && (resourceNames.isEmpty() || resourceNames.contains(call.name()));
    }

    private static boolean matches(String granted, String wanted) {
      return "*".equals(granted) || granted.equals(wanted);
    }

    @Override
    public String toString() {
      return verb
          + " "
          + (group.isEmpty() ? "core" : group)
          + "/"
          + resource
          + (namespace == null ? " (cluster-wide)" : " in " + namespace)
          + (resourceNames.isEmpty() ? "" : " named " + resourceNames)
          + " by "
          + role;
    }
  }

  private final List<Grant> grants;

  private Rbac(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  /**
   * The grants of service account {@code namespace/name} in every {@code *.yaml} and {@code *.yml}
   * of {@code dir} (not recursive; multi-document files too), loaded with fabric8.
   */
  public static Rbac forServiceAccount(Path dir, String namespace, String name) {
    return forServiceAccount(load(dir), namespace, name);
  }

  /** The grants of service account {@code namespace/name} among {@code objects}. */
  public static Rbac forServiceAccount(
      Collection<? extends HasMetadata> objects, String namespace, String name) {
    List<Grant> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof ClusterRoleBinding b && boundTo(b.getSubjects(), namespace, name)) {
        out.addAll(grantsOf(objects, b.getRoleRef(), null, "ClusterRoleBinding " + name(b)));
      } else if (o instanceof RoleBinding b && boundTo(b.getSubjects(), namespace, name)) {
        String ns = b.getMetadata().getNamespace();
        out.addAll(grantsOf(objects, b.getRoleRef(), ns, "RoleBinding " + ns + "/" + name(b)));
      }
    }
    return new Rbac(out);
  }

  /**
   * The RoleBindings and ClusterRoleBindings among {@code objects} that name service account {@code
   * namespace/name} as a subject, as {@code Kind namespace/name}, whatever role they refer to (one
   * the objects do not hold too).
   */
  public static List<String> bindingsOf(
      Collection<? extends HasMetadata> objects, String namespace, String name) {
    List<String> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if ((o instanceof ClusterRoleBinding b && boundTo(b.getSubjects(), namespace, name))
          || (o instanceof RoleBinding r && boundTo(r.getSubjects(), namespace, name))) {
        String ns = o.getMetadata().getNamespace();
        out.add(o.getKind() + " " + (ns == null ? "" : ns + "/") + name(o));
      }
    }
    return out;
  }

  /** Every grant, one per verb and resource. */
  public List<Grant> grants() {
    return grants;
  }

  /** The first grant that authorizes {@code call}. */
  public Optional<Grant> allowing(ApiCall call) {
    return grants.stream().filter(g -> g.allows(call)).findFirst();
  }

  /** Whether some grant authorizes {@code call}. */
  public boolean allows(ApiCall call) {
    return allowing(call).isPresent();
  }

  /**
   * Whether a subject is the service account: by kind ServiceAccount, by its user name, or by one
   * of the groups the API server puts every service account in.
   */
  private static boolean boundTo(List<Subject> subjects, String namespace, String name) {
    return subjects != null && subjects.stream().anyMatch(s -> names(s, namespace, name));
  }

  private static boolean names(Subject s, String namespace, String name) {
    return switch (Objects.requireNonNullElse(s.getKind(), "")) {
      case "ServiceAccount" -> name.equals(s.getName()) && namespace.equals(s.getNamespace());
      case "User" -> ("system:serviceaccount:" + namespace + ":" + name).equals(s.getName());
      case "Group" ->
          "system:serviceaccounts".equals(s.getName())
              || ("system:serviceaccounts:" + namespace).equals(s.getName());
      default -> false;
    };
  }

  private static List<Grant> grantsOf(
      Collection<? extends HasMetadata> objects, RoleRef ref, String namespace, String binding) {
    List<PolicyRule> rules = null;
    for (HasMetadata o : objects) {
      if ("ClusterRole".equals(ref.getKind())
          && o instanceof ClusterRole r
          && ref.getName().equals(name(r))) {
        rules = r.getRules();
      } else if ("Role".equals(ref.getKind())
          && o instanceof Role r
          && ref.getName().equals(name(r))
          && Objects.equals(namespace, r.getMetadata().getNamespace())) {
        rules = r.getRules();
      }
    }
    if (rules == null) {
      throw new IllegalArgumentException(
          binding + " refers to a missing " + ref.getKind() + " " + ref.getName());
    }
    String role = ref.getKind() + " " + ref.getName() + " (" + binding + ")";
    List<Grant> out = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (String group : orEmpty(rule.getApiGroups())) {
        for (String resource : orEmpty(rule.getResources())) {
          for (String verb : orEmpty(rule.getVerbs())) {
            out.add(
                new Grant(
                    verb, group, resource, namespace, orEmpty(rule.getResourceNames()), role));
          }
        }
      }
    }
    return out;
  }

  private static List<HasMetadata> load(Path dir) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<HasMetadata> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          Object loaded = serialization.unmarshal(in);
          if (loaded instanceof List<?> list) {
            list.stream()
                .filter(HasMetadata.class::isInstance)
                .forEach(o -> out.add((HasMetadata) o));
          } else if (loaded instanceof HasMetadata object) {
            out.add(object);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String name(HasMetadata o) {
    return o.getMetadata().getName();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
