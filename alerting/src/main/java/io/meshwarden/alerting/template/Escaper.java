package io.meshwarden.alerting.template;

/**
 * How a value is escaped for the markup of its target. JSON escaping is never done here: payloads
 * are built as JSON trees and serialized by Jackson, which escapes every string.
 */
public enum Escaper {
  /** Plain text (PagerDuty summaries, Alertmanager annotations, webhook bodies): as is. */
  PLAIN {
    @Override
    public String escape(String value) {
      return value;
    }
  },
  /**
   * Slack mrkdwn: {@code &}, {@code <} and {@code >} become entities (Slack's own rule), and the
   * formatting characters {@code * _ ~ `} are followed by a zero-width space so a value cannot open
   * bold, italics, strike-through or code. Newlines become spaces: a value cannot start a new line
   * of the message.
   */
  SLACK {
    @Override
    public String escape(String value) {
      StringBuilder out = new StringBuilder(value.length() + 16);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '*', '_', '~', '`' -> out.append(c).append(ZWSP);
          case '\n', '\r', '\t' -> out.append(' ');
          default -> out.append(c);
        }
      }
      return out.toString();
    }
  },
  /**
   * The Markdown subset of Teams Adaptive Cards: Markdown punctuation gets a backslash, angle
   * brackets and ampersands become entities, newlines become spaces.
   */
  TEAMS {
    @Override
    public String escape(String value) {
      StringBuilder out = new StringBuilder(value.length() + 16);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\', '*', '_', '~', '`', '[', ']', '(', ')', '#', '+', '-', '!', '|' ->
              out.append('\\').append(c);
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '\n', '\r', '\t' -> out.append(' ');
          default -> out.append(c);
        }
      }
      return out.toString();
    }
  };

  static final char ZWSP = '\u200B';

  /** {@code value} escaped for this target. */
  public abstract String escape(String value);
}
