package io.meshwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.InjectionVerdict;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.MeshViewBuilder;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.testkit.sim.inject.InjectionEraCases;
import io.meshwarden.testkit.sim.inject.InjectionPolicy;
import io.meshwarden.testkit.sim.inject.InjectorConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulated injector (testkit) and meshwarden's injection model (core, fed through the
 * watcher's projection) give the same answer, Istio's, on every case of the shared per-era table:
 * the sandbox and the ITs exercise the semantics the rules judge by.
 */
class InjectionCrossCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<InjectionEraCases> cases() {
    return InjectionEraCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void simulationAndModelAgreeWithIstio(InjectionEraCases c) throws Exception {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-1")
            .withNamespace("shop")
            .withLabels(new HashMap<>(c.labels()))
            .withAnnotations(new HashMap<>(c.annotations()))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("app:1")
            .endContainer()
            .endSpec()
            .build();
    HasMetadata namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName("shop")
            .withLabels(Map.of("istio-injection", "enabled"))
            .endMetadata()
            .build();

    boolean simulated =
        InjectionPolicy.decide(pod, "shop", InjectorConfig.from(c.configMap())).inject();
    InjectionVerdict modelled = model(namespace, c, c.labels(), c.annotations());

    assertThat(simulated).as("simulation").isEqualTo(c.inject());
    assertThat(modelled.inject()).as("model: " + modelled.reason()).isEqualTo(c.inject());
  }

  private static InjectionVerdict model(
      HasMetadata namespace,
      InjectionEraCases c,
      Map<String, String> labels,
      Map<String, String> annotations)
      throws Exception {
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    for (HasMetadata object : List.of(namespace, c.configMap())) {
      JsonNode tree = JSON.readTree(Serialization.asJson(object));
      facts.addAll(projector.project(tree).facts());
    }
    MeshView mesh = new MeshViewBuilder(NOW).addAll(facts).build();
    PodShape shape =
        new PodShape(
            "shop",
            labels,
            annotations,
            new io.meshwarden.common.protocol.PodSpecFacts(null, null, false, null, null, null));
    return InjectionModel.verdict(shape, mesh);
  }
}
