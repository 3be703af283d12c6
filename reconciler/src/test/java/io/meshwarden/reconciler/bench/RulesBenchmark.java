package io.meshwarden.reconciler.bench;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static io.meshwarden.core.fixtures.Fixtures.tag;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.fixtures.PodBuilder;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.MeshViewBuilder;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.core.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every rule over one namespace of 10,000 pods (500 Deployments of 20 pods; a mix of healthy,
 * missing, drifted and crash-looping sidecars) with a two-revision control plane. Run with {@code
 * mvn -B -pl reconciler -am test-compile -Pbench}; the target is under 50 ms per evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RulesBenchmark {

  static final int DEPLOYMENTS = 500;
  static final int PODS_PER_DEPLOYMENT = 20;

  private final RuleEngine engine = RuleEngine.standard();
  private MeshView mesh;
  private NamespaceView namespace;

  @Setup
  public void build() {
    List<ObjectFacts> facts = new ArrayList<>();
    facts.add(namespace("bench", "istio.io/rev", "prod"));
    facts.add(injector("1-23").image("docker.io/istio", null, "1.23.0", null).build());
    facts.add(injector("1-24").build());
    facts.add(tag("prod", "1-24"));
    facts.add(tag("default", "1-24"));
    for (int d = 0; d < DEPLOYMENTS; d++) {
      for (int p = 0; p < PODS_PER_DEPLOYMENT; p++) {
        facts.add(benchPod(d, p).build());
      }
    }
    mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    namespace = NamespaceView.of("bench", facts);
  }

  private static PodBuilder benchPod(int d, int p) {
    PodBuilder b =
        pod("app" + d + "-5f6d7c-" + p)
            .in("bench")
            .ofDeployment("app" + d, "5f6d7c")
            .label("app", "app" + d)
            .appProbe(new ProbeFacts("httpGet", "15020", "/app-health/app/readyz", null, null));
    return switch (p % 5) {
      case 0 -> b; // sidecar missing
      case 1 -> b.withSidecar("1-23", "docker.io/istio/proxyv2:1.23.0"); // revision drift
      case 2 -> b.withSidecar("1-24").proxyStatus(false, 6, "CrashLoopBackOff");
      case 3 -> b.withSidecar("1-24").nativeSidecar().proxyAppProbers("/app-health/app/readyz");
      default -> b.withSidecar("1-24");
    };
  }

  @Benchmark
  public List<RuleResult> allRulesOverTenThousandPods() {
    List<RuleResult> out = new ArrayList<>(engine.evaluate(namespace, mesh));
    out.addAll(engine.evaluate(mesh));
    return out;
  }
}
