package io.meshwarden.common.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.slf4j.MDC;

/**
 * The logging context every role puts in SLF4J's MDC, under one set of key names (JOSDK's {@code
 * MDCUtils} does the same for its controllers). Both log formats print the MDC: the text pattern
 * with {@code %mdc}, the JSON encoder in its {@code mdc} object.
 *
 * <p>Set it where work on one object, finding or alert happens, and undo it when that work ends:
 *
 * <pre>{@code
 * try (LogContext.Scope s = LogContext.scope().put(NAMESPACE, ns).put(KIND, kind).put(NAME, n)) {
 *   ... // every line logged here, on this thread, carries the three keys
 * } // the keys hold what they held before again
 * }</pre>
 *
 * The MDC belongs to a thread: a scope must be closed on the thread that opened it, and work handed
 * to another thread (a Kafka Streams task, a scheduled retry) opens its own scope there.
 */
public final class LogContext {

  /** The cluster a process watches or serves; set once per thread the role owns. */
  public static final String CLUSTER = "cluster";

  /** The namespace of the object, finding or scope being worked on. */
  public static final String NAMESPACE = "namespace";

  /** The Kubernetes kind of the object being worked on. */
  public static final String KIND = "kind";

  /** The name of the object being worked on. */
  public static final String NAME = "name";

  /** The rule code of the finding being worked on. */
  public static final String RULE = "rule";

  /** The id of the remediation request being worked on. */
  public static final String REQUEST_ID = "request_id";

  /** The alerting receiver a delivery goes to. */
  public static final String RECEIVER = "receiver";

  private LogContext() {}

  /** An empty scope; {@link Scope#put} adds keys, {@link Scope#close} restores them. */
  public static Scope scope() {
    return new Scope();
  }

  /** A scope for one Kubernetes object. */
  public static Scope object(String namespace, String kind, String name) {
    return scope().put(NAMESPACE, namespace).put(KIND, kind).put(NAME, name);
  }

  /**
   * Threads from {@code factory} start with {@code key=value} in their MDC, for keys that hold for
   * the whole process (the {@link #CLUSTER}): the MDC is per thread and new threads do not inherit
   * it.
   */
  public static ThreadFactory threadsWith(String key, String value, ThreadFactory factory) {
    return r ->
        factory.newThread(
            () -> {
              MDC.put(key, value);
              r.run();
            });
  }

  /**
   * Keys put into the MDC for a while. Not thread-safe: open and close it on one thread, with
   * try-with-resources.
   */
  public static final class Scope implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    private Scope() {}

    /** Sets {@code key} (a null {@code value} removes it) until this scope closes. */
    public Scope put(String key, String value) {
      if (!previous.containsKey(key)) {
        previous.put(key, MDC.get(key));
      }
      set(key, value);
      return this;
    }

    /** Puts each key back as it was before this scope first set it. */
    @Override
    public void close() {
      previous.forEach(Scope::set);
      previous.clear();
    }

    private static void set(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
