package io.meshwarden.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.core.policy.ParsedPolicy;
import io.meshwarden.core.policy.PolicyParser;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code InjectionPolicy} objects from the API server and writes their status: condition
 * {@code Accepted} or {@code Invalid} (with the field and reason) and counts of what the executor
 * did under each. A status write that meets a conflict is retried on the next pass (debug, not an
 * error); an unreadable policy is reported, never fatal.
 */
public final class PolicyStore {

  /** The CRD's group, version, kind and plural. */
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("meshwarden.io")
          .withVersion("v1alpha1")
          .withKind("InjectionPolicy")
          .withPlural("injectionpolicies")
          .withNamespaced(false)
          .build();

  private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How {@link Remediator#breakerState()} writes an open breaker: this, then the instant. */
  static final String OPEN_SINCE = "Open since ";

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, String> lastWritten = new HashMap<>();

  public PolicyStore(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Every policy, parsed; an unreadable one is {@link ParsedPolicy.Invalid}. */
  public List<ParsedPolicy> read() {
    List<ParsedPolicy> out = new ArrayList<>();
    for (GenericKubernetesResource r :
        client.genericKubernetesResources(CONTEXT).list().getItems()) {
      try {
        out.add(PolicyParser.parse(JSON.readTree(Serialization.asJson(r))));
      } catch (IOException e) {
        out.add(new ParsedPolicy.Invalid(r.getMetadata().getName(), 0, "", "unreadable: " + e));
      }
    }
    return out;
  }

  /**
   * What the executor that last wrote the policies' status left there: the breaker's state and the
   * counts, from valid policies only (an invalid one's status is not kept up to date).
   *
   * @param breakerOpenSince when the breaker opened (the latest any valid status names), or null
   *     when none says it is open
   * @param counts outcome to number, per policy name
   */
  public record PriorState(Instant breakerOpenSince, Map<String, Map<String, Long>> counts) {}

  /**
   * Reads {@link PriorState} from the live policies. A status it cannot read (written by hand, or
   * by another version) is passed over with a warning: counts start again and the breaker closed.
   */
  public PriorState readPriorState() {
    Instant openSince = null;
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (GenericKubernetesResource r :
        client.genericKubernetesResources(CONTEXT).list().getItems()) {
      String name = r.getMetadata().getName();
      JsonNode object;
      try {
        object = JSON.readTree(Serialization.asJson(r));
      } catch (IOException e) {
        LOG.warn(
            "InjectionPolicy {}: unreadable, its status is passed over: {}", name, e.toString());
        continue;
      }
      if (!(PolicyParser.parse(object) instanceof ParsedPolicy.Valid)) {
        // An invalid policy's status is not kept up to date with the breaker: passed over.
        continue;
      }
      JsonNode status = object.path("status");
      String breaker = status.path("circuitBreaker").asText("");
      if (breaker.startsWith(OPEN_SINCE)) {
        try {
          Instant since = Instant.parse(breaker.substring(OPEN_SINCE.length()).trim());
          // Every valid policy gets the same value in one pass; a later one is newer news.
          openSince = openSince == null || since.isAfter(openSince) ? since : openSince;
        } catch (java.time.format.DateTimeParseException e) {
          LOG.warn("InjectionPolicy {}: unreadable status.circuitBreaker, passed over", name);
        }
      }
      Map<String, Long> policyCounts = new HashMap<>();
      status
          .path("counts")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().canConvertToLong() && e.getValue().asLong() >= 0) {
                  policyCounts.put(e.getKey(), e.getValue().asLong());
                }
              });
      if (!policyCounts.isEmpty()) {
        counts.put(name, policyCounts);
      }
    }
    return new PriorState(openSince, counts);
  }

  /**
   * Writes each policy's status when it changed: its condition, and {@code counts} (outcome →
   * number) and {@code breaker} state for valid ones.
   */
  public void writeStatus(
      List<ParsedPolicy> policies, Map<String, Map<String, Long>> counts, String breaker) {
    for (ParsedPolicy p : policies) {
      Map<String, Object> status = status(p, counts.getOrDefault(p.name(), Map.of()), breaker);
      String json = Serialization.asJson(status);
      if (json.equals(lastWritten.get(p.name()))) {
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", withTime(status));
      try {
        client
            .genericKubernetesResources(CONTEXT)
            .withName(p.name())
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch(body));
        lastWritten.put(p.name(), json);
      } catch (KubernetesClientException e) {
        LOG.debug("Status of InjectionPolicy {} not written, next pass retries: {}", p.name(), e);
      }
    }
  }

  /** The body as a JSON merge patch, nulls kept: a null deletes the key it names. */
  private static String mergePatch(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a status map always serializes", e);
    }
  }

  private Map<String, Object> withTime(Map<String, Object> status) {
    Map<String, Object> copy = new LinkedHashMap<>(status);
    @SuppressWarnings("unchecked")
    Map<String, Object> condition =
        new LinkedHashMap<>(((List<Map<String, Object>>) status.get("conditions")).get(0));
    condition.put("lastTransitionTime", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    copy.put("conditions", List.of(condition));
    return copy;
  }

  private static Map<String, Object> status(
      ParsedPolicy p, Map<String, Long> counts, String breaker) {
    Map<String, Object> condition = new LinkedHashMap<>();
    Map<String, Object> status = new LinkedHashMap<>();
    if (p instanceof ParsedPolicy.Valid v) {
      condition.put("type", "Accepted");
      condition.put("status", "True");
      condition.put("reason", "Valid");
      condition.put("message", "policy is in effect (" + v.policy().mode() + ")");
      status.put("observedGeneration", v.policy().generation());
      status.put("counts", new LinkedHashMap<>(counts));
      status.put("circuitBreaker", breaker);
    } else {
      ParsedPolicy.Invalid bad = (ParsedPolicy.Invalid) p;
      // Null removes them in the merge patch: a stale breaker state must not outlive validity.
      status.put("counts", null);
      status.put("circuitBreaker", null);
      condition.put("type", "Invalid");
      condition.put("status", "True");
      condition.put("reason", "InvalidSpec");
      condition.put("message", bad.field() + ": " + bad.message());
      status.put("observedGeneration", bad.generation());
    }
    status.put("conditions", List.of(condition));
    return status;
  }
}
