package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.OwnerRef;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodStatusFacts;
import io.meshwarden.common.protocol.PodStatusFacts.ContainerStatusFacts;
import java.util.ArrayList;
import java.util.List;

/** Projects a Pod: owner, spec (see {@link PodSpecReader}) and container states. */
final class PodProjector {

  private PodProjector() {}

  static Projection project(Source src) {
    FactMeta meta = src.meta(true);
    OwnerRef owner = src.controller();
    JsonNode spec = Nodes.object(src.object(), "spec");
    PodSpecFacts specFacts;
    String nodeName;
    try {
      specFacts = PodSpecReader.read(src, spec);
      nodeName = src.intern(Nodes.text(spec, "nodeName")); // the scheduler writes it into spec
    } catch (InvalidField e) {
      throw e.under("spec");
    }
    PodStatusFacts status;
    try {
      status = status(src, Nodes.object(src.object(), "status"), nodeName);
    } catch (InvalidField e) {
      throw e.under("status");
    }
    return src.projected(PodFacts.of(meta, owner, specFacts, status));
  }

  private static PodStatusFacts status(Source src, JsonNode status, String nodeName) {
    return new PodStatusFacts(
        src.intern(Nodes.text(status, "phase")),
        nodeName,
        statuses(src, status, "initContainerStatuses"),
        statuses(src, status, "containerStatuses"));
  }

  private static List<ContainerStatusFacts> statuses(Source src, JsonNode status, String field) {
    JsonNode array = Nodes.array(status, field);
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<ContainerStatusFacts> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        out.add(containerStatus(src, array.get(i)));
      } catch (InvalidField e) {
        throw e.under(field + "[" + i + "]");
      }
    }
    return out;
  }

  private static ContainerStatusFacts containerStatus(Source src, JsonNode s) {
    if (!s.isObject()) {
      throw new InvalidField("", "expected a container status but got " + Nodes.describe(s));
    }
    Integer restarts = Nodes.integer(s, "restartCount");
    return new ContainerStatusFacts(
        src.intern(Nodes.requiredText(s, "name")),
        src.intern(Nodes.text(s, "image")),
        Boolean.TRUE.equals(Nodes.bool(s, "ready")),
        Nodes.bool(s, "started"),
        restarts == null ? 0 : restarts,
        reason(src, s, "state", "waiting"),
        reason(src, s, "lastState", "terminated"));
  }

  /** {@code <stateField>.<phase>.reason}, e.g. {@code state.waiting.reason}. */
  private static String reason(Source src, JsonNode s, String stateField, String phase) {
    JsonNode state = Nodes.object(s, stateField);
    JsonNode detail;
    try {
      detail = Nodes.object(state, phase);
    } catch (InvalidField e) {
      throw e.under(stateField);
    }
    try {
      return src.intern(Nodes.text(detail, "reason"));
    } catch (InvalidField e) {
      throw e.under(stateField + "." + phase);
    }
  }
}
