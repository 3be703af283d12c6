package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a ClusterIP {@link Service} that selects {@code app=<name>} and exposes port 80 named
 * {@code http} unless told otherwise.
 */
public final class ServiceFixture extends NamespacedFixture<Service, ServiceFixture> {

  private final Map<String, String> selector = new LinkedHashMap<>();
  private final List<ServicePort> ports = new ArrayList<>();

  ServiceFixture(String name) {
    super(name);
  }

  /** Adds a selector term; the first one replaces the default {@code app=<name>}. */
  public ServiceFixture withSelector(String key, String value) {
    selector.put(key, value);
    return this;
  }

  /** Adds a TCP port that targets the same port number on the pods. */
  public ServiceFixture withPort(String name, int port) {
    ports.add(
        new ServicePortBuilder()
            .withName(name)
            .withPort(port)
            .withTargetPort(new IntOrString(port))
            .withProtocol("TCP")
            .build());
    return this;
  }

  @Override
  public Service build() {
    List<ServicePort> effectivePorts =
        ports.isEmpty()
            ? List.of(
                new ServicePortBuilder()
                    .withName("http")
                    .withPort(80)
                    .withTargetPort(new IntOrString(80))
                    .withProtocol("TCP")
                    .build())
            : ports.stream().map(p -> new ServicePortBuilder(p).build()).toList();
    return new ServiceBuilder()
        .withMetadata(metadata(namespace()))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(new LinkedHashMap<>(selector.isEmpty() ? Map.of("app", name()) : selector))
        .withPorts(effectivePorts)
        .endSpec()
        .build();
  }
}
