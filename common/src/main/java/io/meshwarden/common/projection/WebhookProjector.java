package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.RevisionTagFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts.Webhook;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects Istio's MutatingWebhookConfigurations and skips every other. Istio's are the ones its
 * webhook analyzer (IST0139) considers, plus revision tags: labelled {@code istio.io/rev} or {@code
 * istio.io/tag}, with a webhook whose name ends in {@code istio.io}, or with a webhook selector
 * that names {@code istio.io/rev}.
 *
 * <p>A configuration labelled {@code istio.io/tag} also yields a {@link RevisionTagFacts} with the
 * same metadata (so deleting the configuration tombstones both keys), when it names its revision
 * with {@code istio.io/rev}; without it the tag points nowhere and only the webhook is published.
 * {@code caBundle} is never read; a URL loses any userinfo, query and fragment.
 */
final class WebhookProjector {

  static final String TAG_LABEL = "istio.io/tag";
  static final String ISTIO_SUFFIX = "istio.io";

  private WebhookProjector() {}

  static Projection project(Source src) {
    String revision = src.rawLabel(ConfigMapProjector.REV_LABEL);
    String tag = src.rawLabel(TAG_LABEL);
    JsonNode array = Nodes.array(src.object(), "webhooks");
    if (revision == null && tag == null && !isIstios(array)) {
      return src.skipped("not an Istio sidecar injector webhook");
    }
    FactMeta meta = src.meta(false);
    List<Webhook> webhooks = webhooks(src, array);
    WebhookConfigFacts config =
        new WebhookConfigFacts(null, null, meta, src.intern(revision), src.intern(tag), webhooks);
    if (tag == null || tag.isEmpty() || revision == null || revision.isEmpty()) {
      return src.projected(config);
    }
    ObjectFacts revisionTag =
        new RevisionTagFacts(null, null, meta, src.intern(tag), src.intern(revision));
    return src.projected(List.of(config, revisionTag));
  }

  /** Whether a webhook is named {@code *istio.io} or selects on {@code istio.io/rev}. */
  private static boolean isIstios(JsonNode array) {
    if (array == null) {
      return false;
    }
    for (JsonNode w : array) {
      JsonNode name = w.get("name");
      if (name != null && name.isTextual() && name.textValue().endsWith(ISTIO_SUFFIX)) {
        return true;
      }
      if (namesRevision(w.get("namespaceSelector")) || namesRevision(w.get("objectSelector"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesRevision(JsonNode selector) {
    if (selector == null || !selector.isObject()) {
      return false;
    }
    JsonNode labels = selector.get("matchLabels");
    if (labels != null && labels.has(ConfigMapProjector.REV_LABEL)) {
      return true;
    }
    JsonNode exprs = selector.get("matchExpressions");
    if (exprs != null && exprs.isArray()) {
      for (JsonNode e : exprs) {
        JsonNode key = e.get("key");
        if (key != null && ConfigMapProjector.REV_LABEL.equals(key.textValue())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Webhook> webhooks(Source src, JsonNode array) {
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<Webhook> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        out.add(webhook(src, array.get(i)));
      } catch (InvalidField e) {
        throw e.under("webhooks[" + i + "]");
      }
    }
    return out;
  }

  private static Webhook webhook(Source src, JsonNode w) {
    if (!w.isObject()) {
      throw new InvalidField("", "expected a webhook but got " + Nodes.describe(w));
    }
    String name = src.intern(Nodes.requiredText(w, "name"));
    String failurePolicy = Nodes.text(w, "failurePolicy");
    JsonNode client = Nodes.object(w, "clientConfig");
    String url;
    ServiceRef service;
    try {
      url = Nodes.text(client, "url");
      service = service(src, Nodes.object(client, "service"));
    } catch (InvalidField e) {
      throw e.under("clientConfig");
    }
    return new Webhook(
        name,
        Selectors.read(src, w, "namespaceSelector"),
        Selectors.read(src, w, "objectSelector"),
        failurePolicy == null ? "Fail" : src.intern(failurePolicy),
        service.namespace(),
        service.name(),
        service.path(),
        url == null ? null : withoutCredentials(url));
  }

  /** {@code clientConfig.service}; all null when the webhook calls a URL. */
  private record ServiceRef(String namespace, String name, String path) {}

  private static ServiceRef service(Source src, JsonNode service) {
    try {
      return new ServiceRef(
          src.intern(Nodes.text(service, "namespace")),
          src.intern(Nodes.text(service, "name")),
          src.intern(Nodes.text(service, "path")));
    } catch (InvalidField e) {
      throw e.under("service");
    }
  }

  /**
   * {@code url} without userinfo ({@code https://user:pass@host/} → {@code https://host/}), query
   * or fragment. Kubernetes forbids the last two in webhook URLs; a file may still carry them.
   */
  static String withoutCredentials(String url) {
    int scheme = url.indexOf("://");
    int authority = scheme < 0 ? 0 : scheme + 3;
    int end = authority;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    String stripped = at >= authority ? url.substring(0, authority) + url.substring(at + 1) : url;
    int cut = stripped.length();
    for (int i = authority; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c == '?' || c == '#') {
        cut = i;
        break;
      }
    }
    return stripped.substring(0, cut);
  }
}
