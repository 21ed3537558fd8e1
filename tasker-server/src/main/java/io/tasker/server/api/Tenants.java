package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.ConflictException;
import io.tasker.dlq.DlqEntryNotFoundException;
import io.tasker.identity.Tenancy;
import io.tasker.server.auth.AuthenticationException;
import io.tasker.server.auth.Caller;
import io.tasker.task.TaskNotFoundException;
import io.tasker.template.TemplateNotFoundException;
import io.tasker.worker.LeaseLostException;
import java.util.Set;
import java.util.UUID;

/**
 * What the caller's org may see. A namespace, task, step or dead letter entry of another org answers exactly as
 * if it did not exist (404), so ids and names of other orgs cannot be probed.
 */
public final class Tenants {

    private final Tenancy tenancy;

    public Tenants(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** 404 when the task belongs to another org (a task that does not exist is left to the engine's 404). */
    public void requireTask(Context ctx, UUID task) {
        UUID org = Callers.of(ctx).orgId();
        if (tenancy.orgOfTask(task).filter(owner -> !owner.equals(org)).isPresent()) {
            throw new TaskNotFoundException(task);
        }
    }

    /**
     * A worker reports on a claimed step of its own org only: a lease token of another org's step (leaked, or
     * guessed) is answered as a lease this caller does not hold (409), exactly as a wrong token is, and changes nothing.
     */
    public void requireClaimedStep(Context ctx, UUID step) {
        UUID org = Callers.of(ctx).orgId();
        if (tenancy.orgOfStep(step).filter(owner -> !owner.equals(org)).isPresent()) {
            throw new LeaseLostException(step);
        }
    }

    public void requireDlqEntry(Context ctx, UUID entry) {
        UUID org = Callers.of(ctx).orgId();
        if (tenancy.orgOfDlqEntry(entry).filter(owner -> !owner.equals(org)).isPresent()) {
            throw new DlqEntryNotFoundException(entry);
        }
    }

    /** 404 when the namespace belongs to another org. */
    public void requireNamespace(Context ctx, String namespace) {
        UUID org = Callers.of(ctx).orgId();
        if (tenancy.orgOfNamespace(namespace).filter(owner -> !owner.equals(org)).isPresent()) {
            throw new TemplateNotFoundException("namespace '" + namespace + "' not found");
        }
    }

    /**
     * Makes a new namespace the caller's org's before a template is registered in it. Names are unique across
     * orgs, so one that another org holds is refused (409) without saying which org holds it.
     */
    public void claimNamespace(Context ctx, String namespace) {
        if (!tenancy.claimNamespace(Callers.of(ctx).orgId(), namespace)) {
            throw new ConflictException("namespace '" + namespace + "' is taken; namespace names are unique across"
                    + " orgs, choose another");
        }
    }

    public Set<String> namespaces(Context ctx) {
        return tenancy.namespacesOf(Callers.of(ctx).orgId());
    }

    public UUID org(Context ctx) {
        return Callers.of(ctx).orgId();
    }

    /**
     * Views over every org (analytics, DLQ counts, the investigation queue, staleness detection) are for the
     * installation's operators: callers of the default org.
     */
    public void requireInstallationView(Context ctx) {
        Caller caller = Callers.of(ctx);
        if (!caller.org().isDefault()) {
            throw AuthenticationException.forbidden("this view covers every org; it is only for callers of the"
                    + " default org");
        }
    }
}
