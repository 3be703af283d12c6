package io.meshwarden.common.projection;

/** Size checks that avoid encoding a string just to measure it. */
final class Sizes {

  private Sizes() {}

  /** Whether {@code s} takes more than {@code limit} bytes in UTF-8. */
  static boolean exceedsUtf8Bytes(String s, int limit) {
    int chars = s.length();
    if (chars <= limit / 3) {
      return false; // three bytes per char at most (a surrogate pair is four bytes for two chars)
    }
    if (chars > limit) {
      return true; // at least one byte per char
    }
    return utf8Bytes(s, limit) > limit;
  }

  /** The length of {@code s} in UTF-8 bytes. */
  static long utf8Bytes(String s) {
    return utf8Bytes(s, Long.MAX_VALUE);
  }

  /** The length of {@code s} in UTF-8 bytes, or some count over {@code stopAbove} once over it. */
  private static long utf8Bytes(String s, long stopAbove) {
    int chars = s.length();
    long bytes = 0;
    for (int i = 0; i < chars && bytes <= stopAbove; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < chars
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
