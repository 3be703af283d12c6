package io.meshwarden.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.WireCodec;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Findings as a JSON array in the wire protocol's shape (what {@code mw.findings} carries). */
final class JsonReport {

  private JsonReport() {}

  static void write(List<Finding> findings, PrintWriter out) {
    try {
      out.println(WireCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(findings));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
