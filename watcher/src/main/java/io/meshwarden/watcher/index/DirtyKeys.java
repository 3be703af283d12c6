package io.meshwarden.watcher.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The watcher's workqueue: fact keys whose published value may be stale. Like client-go's workqueue
 * it deduplicates (a key marked ten times is published once, with its latest facts) and keeps
 * first-marked order. The publisher drains it in batches.
 */
public final class DirtyKeys {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition marked = lock.newCondition();
  private final LinkedHashSet<String> keys = new LinkedHashSet<>();

  /** Marks {@code key} for publication. */
  public void mark(String key) {
    lock.lock();
    try {
      keys.add(key);
      marked.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Marks every key of {@code all}. */
  public void markAll(Collection<String> all) {
    if (all.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      keys.addAll(all);
      marked.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code wait} for a first key, then up to {@code window} more for others to join the
   * batch, and takes at most {@code max} keys in first-marked order.
   */
  public List<String> drain(int max, Duration wait, Duration window) throws InterruptedException {
    lock.lock();
    try {
      if (keys.isEmpty() && !marked.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return List.of();
      }
      long deadline = System.nanoTime() + window.toNanos();
      long left;
      while (keys.size() < max && (left = deadline - System.nanoTime()) > 0) {
        marked.awaitNanos(left);
      }
      List<String> batch = new ArrayList<>(Math.min(max, keys.size()));
      Iterator<String> it = keys.iterator();
      while (it.hasNext() && batch.size() < max) {
        batch.add(it.next());
        it.remove();
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting; the depth gauge. */
  public int size() {
    lock.lock();
    try {
      return keys.size();
    } finally {
      lock.unlock();
    }
  }
}
