package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.ArrayList;
import java.util.List;

/** The containers of a pod or pod template fixture; one nginx container named "app" by default. */
final class Containers {

  static final String DEFAULT_NAME = "app";
  static final String DEFAULT_IMAGE = "nginx:1.27";

  private final List<Container> added = new ArrayList<>();

  void add(String name, String image) {
    added.removeIf(c -> c.getName().equals(name));
    added.add(new ContainerBuilder().withName(name).withImage(image).build());
  }

  /** Copies, so that objects built from one fixture never share containers. */
  List<Container> build() {
    List<Container> source =
        added.isEmpty()
            ? List.of(
                new ContainerBuilder().withName(DEFAULT_NAME).withImage(DEFAULT_IMAGE).build())
            : added;
    return source.stream().map(c -> new ContainerBuilder(c).build()).toList();
  }
}
