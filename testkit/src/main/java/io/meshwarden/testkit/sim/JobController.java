package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Jobs: keeps up to {@code parallelism} pods running until {@code completions} have succeeded, then
 * marks the Job Complete. With a classic sidecar a Job pod never succeeds (the proxy keeps
 * running), as on a real cluster.
 */
final class JobController implements Controller {

  private final KubernetesClient client;
  private final Listings listings;
  private final PodCreator pods;
  private final Names names;
  private final SimClock clock;

  JobController(
      KubernetesClient client, Listings listings, PodCreator pods, Names names, SimClock clock) {
    this.client = client;
    this.listings = listings;
    this.pods = pods;
    this.names = names;
    this.clock = clock;
  }

  @Override
  public boolean reconcile() {
    Map<String, List<Pod>> byOwner = listings.podsByOwner(client);
    boolean changed = false;
    for (Job job :
        listings.list(
            "jobs", () -> client.batch().v1().jobs().inAnyNamespace().list().getItems())) {
      try {
        changed |= sync(job, byOwner.getOrDefault(job.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        changed = true;
      }
    }
    return changed;
  }

  private boolean sync(Job job, List<Pod> owned) {
    int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
    int parallelism = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
    int active =
        (int) owned.stream().filter(Pods::isActive).count()
            + pods.heldFor(job.getMetadata().getUid());
    int succeeded =
        (int)
            owned.stream()
                .filter(p -> p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase()))
                .count();
    boolean changed = false;
    while (active < parallelism && active + succeeded < completions) {
      String name = job.getMetadata().getName();
      pods.create(
          Pods.fromTemplate(
              job.getSpec().getTemplate(),
              job.getMetadata().getNamespace(),
              name + "-" + names.suffix(),
              Map.of(
                  "job-name",
                  name,
                  "batch.kubernetes.io/job-name",
                  name,
                  "controller-uid",
                  job.getMetadata().getUid()),
              Names.controllerRef(job)));
      active++;
      changed = true;
    }
    if (changed) {
      return true;
    }
    boolean complete = succeeded >= completions;
    JobStatus old = job.getStatus();
    JobStatusBuilder status =
        new JobStatusBuilder()
            .withActive(active == 0 ? null : active)
            .withSucceeded(succeeded == 0 ? null : succeeded)
            .withStartTime(
                old != null && old.getStartTime() != null
                    ? old.getStartTime()
                    : clock.instant().toString());
    if (complete) {
      status
          .withCompletionTime(
              old != null && old.getCompletionTime() != null
                  ? old.getCompletionTime()
                  : clock.instant().toString())
          .addNewCondition()
          .withType("Complete")
          .withStatus("True")
          .endCondition();
    }
    JobStatus next = status.build();
    if (Objects.equals(next, old)) {
      return false;
    }
    client.resource(new JobBuilder(job).withStatus(next).build()).updateStatus();
    return true;
  }
}
