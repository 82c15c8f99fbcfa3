package io.opsledger.dbaas;

import io.opsledger.dbaas.ClusterPlatform.PlannedResource;
import io.opsledger.dbaas.ClusterPlatform.Readiness;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Provisions one cluster, a step per event, so that a restart resumes at the last recorded step:
 * each planned resource is first recorded on the cluster ({@link RecordClusterResource}), then made
 * when its record comes back; when all are made, a persistent readiness check
 * ({@value #READINESS_CHECK}) asks the platform until the cluster is ready. The whole provisioning
 * has a persistent deadline ({@value #PROVISIONING_TIMEOUT}); a step that must wait (a replica for
 * its primary's address) is tried again by another ({@value #STEP_RETRY}). A failure, at any step or by timeout,
 * removes what was made, newest first; so does a teardown, which also ends a provisioning still
 * running. Each removal is an event too.
 */
public class ClusterProvisioningSaga {

    public static final String READINESS_CHECK = "dbaas.cluster.readiness-check";
    public static final String PROVISIONING_TIMEOUT = "dbaas.cluster.provisioning-timeout";
    public static final String STEP_RETRY = "dbaas.cluster.step-retry";
    private static final Logger log = LoggerFactory.getLogger(ClusterProvisioningSaga.class);

    /** What the deadlines carry. */
    public record ReadinessCheckDue(String clusterId) {}
    public record ProvisioningTimedOut(String clusterId) {}
    public record StepRetryDue(String clusterId, ClusterResource resource, String step) {}

    private String clusterId;
    private ClusterRequested order;
    private String providerId;
    private Platform platform;
    private List<PlannedResource> plan = new ArrayList<>();
    private List<ClusterResource> removals = new ArrayList<>();
    /** What the platform answered for each made resource (CloudStack's deployment jobs), by name. */
    private Map<String, String> references = new HashMap<>();
    private boolean tearingDown;
    private String timeoutId;
    private String checkId;
    private String step;
    private int percent;

    @StartSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterRequested event, ClusterProvisioner provisioner, CommandGateway commands,
                   DeadlineManager deadlines) {
        clusterId = event.id();
        order = event;
        providerId = event.providerId();
        platform = event.platform();
        timeoutId = deadlines.schedule(provisioner.timing().timeout(), PROVISIONING_TIMEOUT,
                new ProvisioningTimedOut(event.id()));
        try {
            plan = new ArrayList<>(provisioner.plan(event));
        } catch (RuntimeException e) {
            fail(commands, reason(e));
            return;
        }
        next(commands, deadlines, provisioner);
    }

    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterResourceRecorded event, ClusterProvisioner provisioner, CommandGateway commands,
                   DeadlineManager deadlines) {
        if (tearingDown || order == null) {
            return;
        }
        step = event.step();
        percent = event.percent();
        make(event.resource(), event.step(), provisioner, commands, deadlines);
    }

    @DeadlineHandler(deadlineName = STEP_RETRY)
    public void on(StepRetryDue due, ClusterProvisioner provisioner, CommandGateway commands, DeadlineManager deadlines) {
        checkId = null;
        if (!tearingDown && order != null) {
            make(due.resource(), due.step(), provisioner, commands, deadlines);
        }
    }

    /** Makes a recorded resource, then records the next; a step that cannot be taken yet is tried again later. */
    private void make(ClusterResource resource, String stepName, ClusterProvisioner provisioner, CommandGateway commands,
                      DeadlineManager deadlines) {
        try {
            String reference = provisioner.create(order, resource);
            if (reference != null) {
                references.put(resource.name(), reference);
            }
        } catch (StepNotReady e) {
            progress(commands, stepName + ": " + e.getMessage(), percent);
            checkId = deadlines.schedule(provisioner.timing().checkInterval(), STEP_RETRY,
                    new StepRetryDue(order.id(), resource, stepName));
            return;
        } catch (RuntimeException e) {
            fail(commands, "Could not make " + stepName + ": " + reason(e));
            return;
        }
        plan.removeIf(p -> p.resource().equals(resource));
        next(commands, deadlines, provisioner);
    }

    @DeadlineHandler(deadlineName = READINESS_CHECK)
    public void on(ReadinessCheckDue due, ClusterProvisioner provisioner, CommandGateway commands,
                   DeadlineManager deadlines) {
        checkId = null;
        if (tearingDown || order == null) {
            return;
        }
        Readiness readiness;
        try {
            readiness = provisioner.readiness(order, references);
        } catch (RuntimeException e) {
            // the platform may be back at the next check; the provisioning's deadline bounds the wait
            readiness = Readiness.waiting("could not ask the platform: " + reason(e), percent);
        }
        if (readiness.isReady()) {
            send(commands, new MarkClusterReady(order.id(), readiness.connection()));
            return;
        }
        if (readiness.broken()) {
            fail(commands, readiness.step());
            return;
        }
        progress(commands, readiness.step(), readiness.percent());
        scheduleCheck(deadlines, provisioner);
    }

    @DeadlineHandler(deadlineName = PROVISIONING_TIMEOUT)
    public void on(ProvisioningTimedOut due, ClusterProvisioner provisioner, CommandGateway commands) {
        timeoutId = null;
        if (!tearingDown && order != null) {
            fail(commands, "Provisioning did not finish within " + CallFailures.inWords(provisioner.timing().timeout())
                    + (step == null ? "" : "; the last step was: " + step));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterReady event, DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
    }

    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterProvisioningFailed event, ClusterProvisioner provisioner, CommandGateway commands,
                   DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
        removals = new ArrayList<>(event.resources());
        removeNext(provisioner, commands);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterTeardownRequested event, ClusterProvisioner provisioner, CommandGateway commands,
                   DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
        tearingDown = true;
        clusterId = event.id();
        providerId = event.providerId();
        platform = event.platform();
        removals = new ArrayList<>(event.resources());
        removeNext(provisioner, commands);
    }

    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterResourceRemoved event, ClusterProvisioner provisioner, CommandGateway commands) {
        if (removals.remove(event.resource())) {
            removeNext(provisioner, commands);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterTornDown event) {
        // the cluster is gone
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(ClusterTeardownFailed event) {
        // what is left stays recorded on the cluster; another delete-cluster starts again from there
    }

    /** Records the next planned resource, or, when all are made, starts waiting for the cluster. */
    private void next(CommandGateway commands, DeadlineManager deadlines, ClusterProvisioner provisioner) {
        if (!plan.isEmpty()) {
            PlannedResource p = plan.get(0);
            send(commands, new RecordClusterResource(order.id(), p.resource(), p.step(), p.percent()));
            return;
        }
        progress(commands, "waiting for the cluster to be ready", Math.max(percent, 40));
        scheduleCheck(deadlines, provisioner);
    }

    private void removeNext(ClusterProvisioner provisioner, CommandGateway commands) {
        if (removals.isEmpty()) {
            if (tearingDown) {
                send(commands, new CompleteClusterTeardown(clusterId));
            } else {
                SagaLifecycle.end(); // a failed provisioning, cleaned up
            }
            return;
        }
        ClusterResource resource = removals.get(0);
        try {
            provisioner.remove(providerId, platform, resource);
        } catch (RuntimeException e) {
            String reason = "Could not remove " + resource.kind() + " " + resource.name() + ": " + reason(e);
            if (tearingDown) {
                send(commands, new FailClusterTeardown(clusterId, reason));
            } else {
                log.warn("cluster {}: cleanup after a failed provisioning stopped; {}", clusterId, reason);
                SagaLifecycle.end(); // what is left stays recorded; deleting the cluster tries again
            }
            return;
        }
        send(commands, new RecordClusterResourceRemoved(clusterId, resource));
    }

    private void progress(CommandGateway commands, String newStep, int newPercent) {
        if (!newStep.equals(step) || newPercent != percent) {
            step = newStep;
            percent = newPercent;
            send(commands, new RecordClusterProgress(order.id(), newStep, newPercent));
        }
    }

    private void fail(CommandGateway commands, String reason) {
        send(commands, new FailClusterProvisioning(order.id(), reason));
    }

    private void scheduleCheck(DeadlineManager deadlines, ClusterProvisioner provisioner) {
        checkId = deadlines.schedule(provisioner.timing().checkInterval(), READINESS_CHECK,
                new ReadinessCheckDue(order.id()));
    }

    private void cancelDeadlines(DeadlineManager deadlines) {
        if (timeoutId != null) {
            deadlines.cancelSchedule(PROVISIONING_TIMEOUT, timeoutId);
            timeoutId = null;
        }
        if (checkId != null) {
            deadlines.cancelSchedule(READINESS_CHECK, checkId);
            deadlines.cancelSchedule(STEP_RETRY, checkId);
            checkId = null;
        }
    }

    /** A refusal by the cluster (a teardown was asked for meanwhile) ends this step; the teardown's event follows. */
    private static void send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            log.info("cluster step {} not taken: {}", command.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof PlatformCallFailed || e instanceof PlatformLogins.MissingCredentials ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    // ---- state, for the saga serializer

    public String getClusterId() { return clusterId; }
    public void setClusterId(String clusterId) { this.clusterId = clusterId; }
    public ClusterRequested getOrder() { return order; }
    public void setOrder(ClusterRequested order) { this.order = order; }
    public String getProviderId() { return providerId; }
    public void setProviderId(String providerId) { this.providerId = providerId; }
    public Platform getPlatform() { return platform; }
    public void setPlatform(Platform platform) { this.platform = platform; }
    public List<PlannedResource> getPlan() { return plan; }
    public void setPlan(List<PlannedResource> plan) { this.plan = new ArrayList<>(plan); }
    public List<ClusterResource> getRemovals() { return removals; }
    public void setRemovals(List<ClusterResource> removals) { this.removals = new ArrayList<>(removals); }
    public Map<String, String> getReferences() { return references; }
    public void setReferences(Map<String, String> references) { this.references = new HashMap<>(references); }
    public boolean isTearingDown() { return tearingDown; }
    public void setTearingDown(boolean tearingDown) { this.tearingDown = tearingDown; }
    public String getTimeoutId() { return timeoutId; }
    public void setTimeoutId(String timeoutId) { this.timeoutId = timeoutId; }
    public String getCheckId() { return checkId; }
    public void setCheckId(String checkId) { this.checkId = checkId; }
    public String getStep() { return step; }
    public void setStep(String step) { this.step = step; }
    public int getPercent() { return percent; }
    public void setPercent(int percent) { this.percent = percent; }
}
