package io.meshwarden.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the text of a value becomes a typed value. A parser throws any runtime exception for text it
 * cannot read; the loader turns that into a {@link ConfigException} that says what was {@link
 * #expected()}. Values reach the parser trimmed and never empty.
 *
 * @param expected what a valid value looks like, completing "expected ..." in a message
 * @param parser text to value
 * @param formatter value to text, for the effective-configuration log
 * @param <T> the value's type
 */
public record ConfigType<T>(
    String expected, Function<String, T> parser, Function<? super T, String> formatter) {

  /** Any non-empty text. */
  public static final ConfigType<String> STRING = of("a non-empty string", s -> s);

  /** A 32-bit integer. */
  public static final ConfigType<Integer> INTEGER = of("an integer", Integer::valueOf);

  /** A TCP port, 0 to 65535 (0 lets the operating system choose). */
  public static final ConfigType<Integer> PORT =
      of("a port number from 0 to 65535", ConfigType::port);

  /** {@code true} or {@code false}, in any case; nothing else. */
  public static final ConfigType<Boolean> BOOLEAN = of("true or false", ConfigType::bool);

  /** A non-negative duration, read by {@link Durations#parse(String)}. */
  public static final ConfigType<Duration> DURATION = of(Durations.EXPECTED, Durations::parse);

  /** A comma-separated list of non-empty items (a YAML sequence works too). */
  public static final ConfigType<List<String>> STRING_LIST =
      new ConfigType<>("a comma-separated list", ConfigType::list, l -> String.join(",", l));

  /** A file-system path. */
  public static final ConfigType<Path> PATH = of("a file path", Path::of);

  /** A secret; shown masked wherever configuration is printed. */
  public static final ConfigType<Secret> SECRET =
      new ConfigType<>("a non-empty string", Secret::of, s -> Secret.MASK);

  public ConfigType {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(formatter, "formatter");
  }

  /** A type whose values print with {@link String#valueOf(Object)}. */
  public static <T> ConfigType<T> of(String expected, Function<String, T> parser) {
    return new ConfigType<>(expected, parser, String::valueOf);
  }

  /**
   * One constant of an enum, matched by {@code name} without regard to case, '-' or '_' (so {@code
   * scram-sha-256} finds the constant named {@code SCRAM-SHA-256} or {@code SCRAM_SHA_256}).
   */
  public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type, Function<E, String> name) {
    E[] constants = type.getEnumConstants();
    String expected =
        "one of " + Arrays.stream(constants).map(name).collect(Collectors.joining(", "));
    Function<String, E> parser =
        text ->
            Arrays.stream(constants)
                .filter(c -> normalise(name.apply(c)).equals(normalise(text)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such constant"));
    return new ConfigType<>(expected, parser, name::apply);
  }

  /** An enum matched by its constant names. */
  public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
    return enumOf(type, Enum::name);
  }

  /** Parses text, throwing a runtime exception when it does not fit. */
  public T parse(String text) {
    return Objects.requireNonNull(parser.apply(text), "parser returned null");
  }

  /** Renders a value the way the effective-configuration log shows it. */
  public String format(T value) {
    return formatter.apply(value);
  }

  private static String normalise(String text) {
    return text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static Integer port(String text) {
    int port = Integer.parseInt(text);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("out of range");
    }
    return port;
  }

  private static Boolean bool(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static List<String> list(String text) {
    List<String> items =
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw new IllegalArgumentException("empty list");
    }
    return items;
  }
}
