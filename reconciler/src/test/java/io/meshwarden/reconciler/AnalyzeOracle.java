package io.meshwarden.reconciler;

import com.fasterxml.jackson.core.type.TypeReference;
import io.meshwarden.analyze.AnalyzeMain;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Runs {@code meshwarden analyze -o json} on manifests, for tests in other packages. */
public final class AnalyzeOracle {

  private AnalyzeOracle() {}

  /** The findings analyze reports for the manifests under {@code dir}. */
  public static List<Finding> findings(Path dir, String cluster) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AnalyzeMain.run(
            new String[] {"-f", dir.toString(), "-o", "json", "--cluster", cluster},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Clock.systemUTC(),
            false);
    if (code == 2) {
      throw new IllegalStateException("analyze rejected the dump: " + err);
    }
    try {
      return WireCodec.mapper().readValue(out.toString(), new TypeReference<List<Finding>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
