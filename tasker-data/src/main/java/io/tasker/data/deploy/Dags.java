package io.tasker.data.deploy;

import io.tasker.NotFoundException;
import io.tasker.data.DataRows;
import io.tasker.store.jdbc.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Reads DAGs, their versions and jobs, and compares two versions. */
public final class Dags {

    /** A DAG of an org: its current version and how many versions it has. */
    public record DagSummary(String name, Optional<UUID> currentVersion, Optional<Instant> activatedAt,
                             int versionCount, Instant lastDeployedAt) {
    }

    /** One version: {@code current}, or {@code live} (deployed after the current one was activated: being built). */
    public record Version(UUID id, String yamlHash, Instant createdAt, boolean current, boolean live) {
    }

    /** How a job differs between two versions, and why it is rebuilt. */
    public record JobChange(String job, String change, List<String> reasons) {
    }

    private final Jdbc jdbc;

    public Dags(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<DagSummary> list(UUID org) {
        return jdbc.query("""
                SELECT v.dag_name, c.dag_version_id, c.updated_at, count(*) AS versions, max(v.created_at) AS last
                FROM tasker_data.dag_versions v
                LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = v.org_id AND c.dag_name = v.dag_name
                WHERE v.org_id = ?
                GROUP BY v.dag_name, c.dag_version_id, c.updated_at
                ORDER BY v.dag_name
                """, row -> new DagSummary(row.getString(1), Optional.ofNullable(row.getObject(2, UUID.class)),
                DataRows.optionalInstant(row, "updated_at"), row.getInt(4), DataRows.instant(row, "last")), org);
    }

    /** The DAG's versions, newest first; 404 for a DAG the org does not have. */
    public List<Version> versions(UUID org, String dag) {
        List<Version> versions = jdbc.query("""
                SELECT v.id, v.yaml_hash, v.created_at, (v.id = c.dag_version_id) AS current,
                       (v.id = c.dag_version_id OR v.created_at > c.updated_at) AS live
                FROM tasker_data.dag_versions v
                LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = v.org_id AND c.dag_name = v.dag_name
                WHERE v.org_id = ? AND v.dag_name = ?
                ORDER BY v.created_at DESC, v.id DESC
                """, row -> new Version(row.getObject(1, UUID.class), row.getString(2),
                DataRows.instant(row, "created_at"), row.getBoolean(4), row.getBoolean(5)), org, dag);
        if (versions.isEmpty()) {
            throw new NotFoundException("DAG '" + dag + "' not found");
        }
        return versions;
    }

    /** The jobs of a version of the DAG (404 when the version is not the DAG's). */
    public List<JobRow> jobs(UUID org, String dag, UUID version) {
        List<JobRow> jobs = jdbc.query("SELECT " + JobRow.COLUMNS + " FROM tasker_data.jobs j WHERE j.org_id = ?"
                + " AND j.dag_name = ? AND j.dag_version_id = ? ORDER BY j.created_at, j.name", JobRow::read, org, dag,
                version);
        if (jobs.isEmpty()) {
            throw new NotFoundException("DAG '" + dag + "' has no version " + version);
        }
        return jobs;
    }

    /** The job of the DAG's current version (404 when there is none). */
    public JobRow currentJob(UUID org, String dag, String job) {
        return jdbc.queryOne("SELECT " + JobRow.COLUMNS + """
                 FROM tasker_data.jobs j
                JOIN tasker_data.dag_current_versions c ON c.dag_version_id = j.dag_version_id
                WHERE j.org_id = ? AND j.dag_name = ? AND j.name = ?
                """, JobRow::read, org, dag, job)
                .orElseThrow(() -> new NotFoundException("DAG '" + dag + "' has no job '" + job + "' in its current"
                        + " version"));
    }

    /**
     * What changes from version {@code from} to {@code to}: jobs added, removed, changed (rebuilt: their config hash
     * differs, by their own change or one upstream) or unchanged (their dataset versions are kept).
     */
    public List<JobChange> diff(UUID org, String dag, UUID from, UUID to) {
        Map<String, JobRow> before = byName(jobs(org, dag, from));
        Map<String, JobRow> after = byName(jobs(org, dag, to));
        List<JobChange> changes = new ArrayList<>();
        after.forEach((name, job) -> {
            JobRow old = before.get(name);
            if (old == null) {
                changes.add(new JobChange(name, "added", List.of("new job")));
            } else if (old.configHash().equals(job.configHash())) {
                changes.add(new JobChange(name, "unchanged", List.of()));
            } else {
                changes.add(new JobChange(name, "changed", reasons(old, job)));
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(new JobChange(name, "removed", List.of("job removed"))));
        return changes;
    }

    private static List<String> reasons(JobRow old, JobRow job) {
        List<String> reasons = new ArrayList<>();
        if (!old.operator().equals(job.operator()) || !old.runtime().equals(job.runtime())) {
            reasons.add("operator");
        }
        if (!old.operatorConfig().equals(job.operatorConfig())) {
            reasons.add("config");
        }
        if (!old.config().path("partitions").equals(job.config().path("partitions"))) {
            reasons.add("partitions");
        }
        if (!old.inputDatasets().equals(job.inputDatasets())) {
            reasons.add("inputs");
        }
        if (old.executionStrategy() != job.executionStrategy() || old.updateStrategy() != job.updateStrategy()
                || !Objects.equals(old.uniqueKey(), job.uniqueKey())) {
            reasons.add("strategy");
        }
        if (reasons.isEmpty()) {
            reasons.add("upstream");
        }
        return reasons;
    }

    private static Map<String, JobRow> byName(List<JobRow> jobs) {
        Map<String, JobRow> map = new TreeMap<>();
        jobs.forEach(j -> map.put(j.name(), j));
        return map;
    }
}
