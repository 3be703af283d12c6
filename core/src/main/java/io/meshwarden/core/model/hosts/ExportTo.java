package io.meshwarden.core.model.hosts;

import java.util.List;

/**
 * Istio's {@code exportTo} on Services (annotation {@code networking.istio.io/exportTo}),
 * VirtualServices, DestinationRules and ServiceEntries: empty or {@code *} exports everywhere,
 * {@code .} to the owner's namespace, {@code ~} nowhere, anything else to the namespace so named.
 *
 * @param values the entries as written
 */
public record ExportTo(List<String> values) {

  /** The annotation a Service's visibility is set with. */
  public static final String SERVICE_ANNOTATION = "networking.istio.io/exportTo";

  /** Exported everywhere. */
  public static final ExportTo EVERYWHERE = new ExportTo(List.of());

  public ExportTo {
    values = values == null ? List.of() : values.stream().map(String::trim).toList();
  }

  /** The comma-separated form of the Service annotation; null means everywhere. */
  public static ExportTo parse(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return EVERYWHERE;
    }
    return new ExportTo(List.of(annotation.split(",")));
  }

  /** Whether a resource in {@code owner} that carries this is visible from {@code client}. */
  public boolean visible(String owner, String client) {
    if (values.isEmpty()) {
      return true;
    }
    for (String v : values) {
      if (v.equals("*") || v.equals(client) || (v.equals(".") && owner.equals(client))) {
        return true;
      }
    }
    return false;
  }

  /** Whether two resources could be seen together from some namespace. */
  public boolean overlaps(String owner, ExportTo other, String otherOwner) {
    if (values.isEmpty() || values.contains("*")) {
      return !other.values.contains("~") || other.values.size() > 1;
    }
    for (String v : values) {
      String ns = v.equals(".") ? owner : v;
      if (!ns.equals("~") && other.visible(otherOwner, ns)) {
        return true;
      }
    }
    return false;
  }
}
