package io.meshwarden.common.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schema identifiers carried in every record's {@code schema} field, of the form {@code
 * meshwarden.io/<family>/v<major>[.<minor>]}.
 *
 * <p>Within a major version fields are only ever added, so a reader accepts any minor version of
 * the major it knows and ignores fields it does not. A newer major version means the meaning of
 * existing fields changed: readers reject it with {@link UnsupportedSchemaException}.
 */
public final class Schemas {

  public static final String FACTS = "meshwarden.io/facts/v1";
  public static final String FINDING = "meshwarden.io/finding/v1";
  public static final String REMEDIATION_REQUEST = "meshwarden.io/remediation-request/v1";
  public static final String REMEDIATION_RECORD = "meshwarden.io/remediation-record/v1";
  public static final String DIGEST = "meshwarden.io/namespace-digest/v1";

  private static final Pattern ID =
      Pattern.compile("meshwarden\\.io/([a-z][a-z0-9-]*)/v(\\d{1,4})(?:\\.(\\d{1,4}))?");

  private Schemas() {}

  /** A parsed schema identifier. */
  public record Version(String family, int major, int minor) {}

  /**
   * Parses {@code id}.
   *
   * @throws MalformedRecordException when it is not a meshwarden schema identifier
   */
  public static Version parse(String id) {
    if (id == null) {
      throw new MalformedRecordException("record has no 'schema' field");
    }
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      throw new MalformedRecordException("unrecognised schema identifier '" + shorten(id) + "'");
    }
    int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new Version(m.group(1), Integer.parseInt(m.group(2)), minor);
  }

  /**
   * Checks that a record written as {@code actual} can be read by a reader of {@code expected}.
   *
   * @throws UnsupportedSchemaException when the family matches but the major version is newer
   * @throws MalformedRecordException when the family differs or the identifier is not ours
   */
  public static void requireReadable(String expected, String actual) {
    Version want = parse(expected);
    Version got = parse(actual);
    if (!want.family().equals(got.family())) {
      throw new MalformedRecordException(
          "expected a " + want.family() + " record but got schema '" + shorten(actual) + "'");
    }
    if (got.major() != want.major()) {
      throw new UnsupportedSchemaException(expected, actual);
    }
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
