package io.meshwarden.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One drift a sandbox scenario seeds on purpose, listed under {@code drifts:} in the scenario file,
 * and the finding meshwarden should open for it.
 *
 * @param what a few words for the summary
 * @param expect what should happen: {@code corrected} (found, restarted, resolved), {@code
 *     untouched} (found, but policy says hands off: audit mode or opted out) or {@code found}
 *     (found; not something a restart fixes)
 */
record SeededDrift(String cluster, String what, String code, ObjectRef subject, String expect) {

  /** The fingerprint of the finding this drift should produce. */
  String fingerprint() {
    return Finding.fingerprintOf(cluster, code, subject);
  }

  /** Reads the {@code drifts:} list of a scenario file; none when the file lists none. */
  static List<SeededDrift> read(String cluster, InputStream scenario) {
    try {
      JsonNode doc = new YAMLMapper().readTree(scenario);
      List<SeededDrift> drifts = new ArrayList<>();
      for (JsonNode d : doc.path("drifts")) {
        drifts.add(
            new SeededDrift(
                cluster,
                d.path("what").asText(),
                d.path("code").asText(),
                new ObjectRef(
                    d.path("kind").asText(),
                    d.path("namespace").asText(""),
                    d.path("name").asText(),
                    null),
                d.path("expect").asText("found")));
      }
      return drifts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the drifts of scenario " + cluster, e);
    }
  }
}
