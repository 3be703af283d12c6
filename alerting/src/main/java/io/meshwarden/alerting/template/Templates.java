package io.meshwarden.alerting.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Message text from Mustache templates (mustache.java). Every {@code {{value}}} is cleaned (lone
 * surrogates, control characters), cut to {@code maxValueChars}, then escaped for the target by an
 * {@link Escaper}. Unescaped tags ({@code {{{value}}}}, {@code {{&value}}}) are refused when a
 * template compiles, so no value reaches a payload unescaped. The rendered text is cut again to the
 * target's limit by the caller.
 */
public final class Templates {

  private final EscapingFactory factory;

  /**
   * @param escaper escapes each value for the target's markup
   * @param maxValueChars the longest a single value may be once inserted
   */
  public Templates(Escaper escaper, int maxValueChars) {
    this.factory = new EscapingFactory(escaper, maxValueChars);
  }

  /** Compiles {@code source}; a syntax error is an {@link IllegalArgumentException}. */
  public Template compile(String name, String source) {
    Objects.requireNonNull(source, "source");
    if (source.contains("{{{") || source.contains("{{&")) {
      throw new IllegalArgumentException(
          "template " + name + ": unescaped tags ({{{x}}} or {{&x}}) are not allowed");
    }
    try {
      return new Template(factory.compile(new StringReader(source), name));
    } catch (MustacheException e) {
      throw new IllegalArgumentException("template " + name + ": " + e.getMessage(), e);
    }
  }

  /** A compiled template. */
  public static final class Template {
    private final Mustache mustache;

    private Template(Mustache mustache) {
      this.mustache = mustache;
    }

    /** Renders against {@code scope} (maps, lists and records' accessor methods). */
    public String render(Object scope) {
      StringWriter out = new StringWriter();
      mustache.execute(out, scope);
      return out.toString();
    }
  }

  private static final class EscapingFactory extends DefaultMustacheFactory {
    private final Escaper escaper;
    private final int maxValueChars;

    EscapingFactory(Escaper escaper, int maxValueChars) {
      this.escaper = escaper;
      this.maxValueChars = maxValueChars;
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(escaper.escape(Text.safe(value, maxValueChars)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
