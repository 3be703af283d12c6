package io.meshwarden.testkit.sim;

/** One simulated controller: reads the cluster, acts, and says whether it changed anything. */
interface Controller {

  /** One level-triggered pass over every object the controller owns. */
  boolean reconcile();
}
