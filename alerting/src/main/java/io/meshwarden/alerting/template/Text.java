package io.meshwarden.alerting.template;

/**
 * Makes any string safe to put into a payload: lone UTF-16 surrogates become U+FFFD, control
 * characters other than newline and tab are dropped, and long values are cut at a code-point
 * boundary with an ellipsis.
 */
public final class Text {

  /** Appended to a value that was cut. */
  public static final String ELLIPSIS = "…";

  private Text() {}

  /** {@code value} with lone surrogates replaced and control characters removed; null gives "". */
  public static String clean(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          out.append(c).append(value.charAt(++i));
        } else {
          out.append('\uFFFD');
        }
      } else if (Character.isLowSurrogate(c)) {
        out.append('\uFFFD');
      } else if (c < 0x20 && c != '\n' && c != '\t') {
        continue;
      } else if (c == 0x7F) {
        continue;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code value} on one line: runs of CR, LF and tab become one space. */
  public static String oneLine(String value) {
    return value.replaceAll("[\\r\\n\\t]+", " ");
  }

  /**
   * At most {@code maxChars} UTF-16 units, cut so no surrogate pair is split, ending with {@link
   * #ELLIPSIS} when cut.
   */
  public static String truncate(String value, int maxChars) {
    if (value.length() <= maxChars) {
      return value;
    }
    int end = Math.max(0, maxChars - ELLIPSIS.length());
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + ELLIPSIS;
  }

  /** {@link #clean}, then {@link #truncate}. */
  public static String safe(String value, int maxChars) {
    return truncate(clean(value), maxChars);
  }
}
