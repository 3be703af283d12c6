package io.meshwarden.analyze;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.model.ClusterView;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshViewBuilder;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.core.rules.RuleResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden analyze}: reads manifests, builds the views, runs every rule and prints the
 * findings. Exit 0 when nothing is at or above {@code --fail-on}, 1 when something is, 2 on bad
 * input. Reads as a list: load, view, evaluate, render, decide.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    version = "meshwarden analyze " + AnalyzeMain.VERSION,
    description = "Run meshwarden's rules on Kubernetes manifests (offline, for CI).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:a finding at or above --fail-on",
      "2:input that is not YAML, or a missing path (the message names the file and line)"
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      arity = "1..*",
      paramLabel = "<file|dir>",
      description = "Manifest files or directories (multi-document YAML, kind: List, JSON).")
  List<Path> inputs;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(
      names = "--fail-on",
      defaultValue = "error",
      description =
          "Exit 1 when a finding is at or above: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--cluster",
      defaultValue = "local",
      description = "Cluster name stamped on findings (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(
      names = "--no-default-resources",
      description =
          "Do not assume the default ingress gateway (pod and Service istio-ingressgateway in"
              + " istio-system) that istioctl analyze assumes when it reads files only.")
  boolean noDefaultResources;

  @Option(
      names = {"--mesh-config", "--meshConfigFile"},
      paramLabel = "FILE",
      description =
          "Mesh configuration to judge with (the YAML ConfigMap istio holds under mesh), as"
              + " istioctl analyze --meshConfigFile; it replaces the default revision's mesh"
              + " configuration of the files.")
  Path meshConfigFile;

  @Option(
      names = "--istio-version",
      paramLabel = "X.Y[.Z]",
      description =
          "Istio release whose semantics judge revisions the files show no version for (no"
              + " istiod, no injector ConfigMap with global.tag), e.g. 1.26 (default: the newest"
              + " release meshwarden models).")
  String istioVersion;

  private final Clock clock;
  private final boolean colour;

  AnalyzeCommand(Clock clock, boolean colour) {
    this.clock = clock;
    this.colour = colour;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = clock.instant();
    Optional<IstioVersion> assumed = IstioVersion.parse(istioVersion);
    if (istioVersion != null && assumed.isEmpty()) {
      err.println(
          "meshwarden analyze: --istio-version " + istioVersion + " is not a release like 1.27.0");
      return 2;
    }
    Manifests manifests;
    try {
      manifests = new ManifestLoader(AnalyzeMain.projector(cluster, clock)).load(inputs);
    } catch (BadInputException e) {
      err.println("meshwarden analyze: " + e.getMessage());
      return 2;
    }
    List<ObjectFacts> facts = manifests.facts();
    if (meshConfigFile != null) {
      try {
        facts = MeshConfigFile.apply(meshConfigFile, facts, AnalyzeMain.projector(cluster, clock));
      } catch (BadInputException e) {
        err.println("meshwarden analyze: " + e.getMessage());
        return 2;
      }
    }
    DefaultResources input =
        noDefaultResources
            ? new DefaultResources(facts, java.util.Set.of())
            : DefaultResources.addTo(facts, AnalyzeMain.projector(cluster, clock));
    ClusterView view = view(input.facts(), now, assumed);
    RuleEngine engine = RuleEngine.standard();
    List<RuleResult> results =
        withMalformed(
            engine.evaluate(view).stream().filter(r -> !input.isAdded(r.subject())).toList(),
            manifests);
    render(results, manifests, engine, now, out);
    out.flush();
    return failOn.failsOn(results) ? 1 : 0;
  }

  /** The rules' results and one per malformed object, in the engine's order. */
  private static List<RuleResult> withMalformed(List<RuleResult> results, Manifests manifests) {
    List<RuleResult> all = new ArrayList<>(results);
    all.addAll(manifests.malformed());
    all.sort(RuleEngine.ORDER);
    return all;
  }

  private ClusterView view(List<ObjectFacts> facts, Instant now, Optional<IstioVersion> assumed) {
    MeshViewBuilder mesh = new MeshViewBuilder(now);
    assumed.ifPresent(mesh::assumeIstioVersion);
    mesh.addAll(facts);
    return ClusterView.of(cluster, mesh.build(), facts);
  }

  private void render(
      List<RuleResult> results,
      Manifests manifests,
      RuleEngine engine,
      Instant now,
      PrintWriter out) {
    List<Finding> findings = results.stream().map(r -> r.toFinding(cluster, now)).toList();
    switch (output) {
      case text -> new TextReport(colour).write(results, out);
      case json -> JsonReport.write(findings, out);
      case sarif ->
          new SarifReport(engine.rules(), AnalyzeMain.VERSION)
              .write(findings, f -> relative(manifests.sourceOf(f.subject())), out);
    }
  }

  /** The source with its path relative to the working directory when it lies under it. */
  private static Manifests.Source relative(Manifests.Source s) {
    return s == null ? null : new Manifests.Source(relative(s.file()), s.line());
  }

  /** A path relative to the working directory when it lies under it. */
  private static Path relative(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }
}
