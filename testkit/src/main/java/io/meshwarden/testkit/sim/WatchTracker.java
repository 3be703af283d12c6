package io.meshwarden.testkit.sim;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps the mock server's open watch connections so a fault can drop them. */
final class WatchTracker {

  private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong opened = new AtomicLong();

  /** Wraps the server's listener of a new watch so its socket is known once open. */
  WebSocketListener track(WebSocketListener delegate) {
    return new WebSocketListener() {
      @Override
      public void onBeforeAccept(WebSocket ws, Response response) {
        delegate.onBeforeAccept(ws, response);
      }

      @Override
      public void onOpen(WebSocket ws, Response response) {
        open.add(ws);
        opened.incrementAndGet();
        delegate.onOpen(ws, response);
      }

      @Override
      public void onMessage(WebSocket ws, String text) {
        delegate.onMessage(ws, text);
      }

      @Override
      public void onMessage(WebSocket ws, ByteString bytes) {
        delegate.onMessage(ws, bytes);
      }

      @Override
      public void onMessage(WebSocket ws, byte[] bytes) {
        delegate.onMessage(ws, bytes);
      }

      @Override
      public void onPing(WebSocket ws, byte[] bytes) {
        delegate.onPing(ws, bytes);
      }

      @Override
      public void onClosing(WebSocket ws, int code, String reason) {
        open.remove(ws);
        delegate.onClosing(ws, code, reason);
      }

      @Override
      public void onClosed(WebSocket ws, int code, String reason) {
        open.remove(ws);
        delegate.onClosed(ws, code, reason);
      }

      @Override
      public void onFailure(WebSocket ws, Throwable t, Response response) {
        open.remove(ws);
        delegate.onFailure(ws, t, response);
      }
    };
  }

  /** Closes every open watch; returns how many. */
  int dropAll() {
    List<WebSocket> sockets = List.copyOf(open);
    for (WebSocket ws : sockets) {
      open.remove(ws);
      ws.close(1000, "watch dropped by the simulator");
    }
    return sockets.size();
  }

  /** Watches opened since start, reconnections included. */
  long opened() {
    return opened.get();
  }
}
