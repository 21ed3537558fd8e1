package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.board.testing.BoardKit;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Claims are a compare-and-set with a lease; heartbeats renew it; a lapsed lease returns the task to ready. */
@DatabaseTest
class ClaimsTest {

    @Test
    void of_fifty_concurrent_claims_exactly_one_wins_and_the_others_are_told_the_holder(DataSource dataSource)
            throws Exception {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            agents.add(kit.agentOf(lead, "agent-" + i));
        }
        BoardTask task = kit.board.tasks().create(lead, NewTask.titled("Only one of you"));

        List<Callable<Object>> claims = agents.stream().<Callable<Object>>map(agent -> () -> {
            try {
                return kit.board.claims().claim(agent, task.id(), Duration.ofMinutes(15));
            } catch (BoardConflictException refused) {
                return refused;
            }
        }).toList();
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Object> outcome : pool.invokeAll(claims)) {
                outcomes.add(outcome.get());
            }
        }

        List<BoardTask> wins = outcomes.stream().filter(BoardTask.class::isInstance).map(BoardTask.class::cast).toList();
        assertThat(wins).hasSize(1);
        String holder = wins.getFirst().claimedBy().orElseThrow();
        List<BoardConflictException> refusals = outcomes.stream().filter(BoardConflictException.class::isInstance)
                .map(BoardConflictException.class::cast).toList();
        assertThat(refusals).hasSize(49).allSatisfy(refused -> {
            assertThat(refused.holder()).contains(holder);
            assertThat(refused.getMessage()).startsWith("board task " + task.id() + " is claimed by " + holder);
        });
        assertThat(kit.board.audit().history(lead.orgId(), task.id())).filteredOn(r -> r.action().equals("claim"))
                .hasSize(1);
    }

    @Test
    void a_claim_takes_a_pending_unassigned_task_with_a_lease_that_heartbeats_extend(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Lease me"));

        BoardTask claimed = kit.board.claims().claim(ann, task.id(), Duration.ofMinutes(15));
        assertThat(claimed.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(claimed.claimedBy()).contains("ann");
        assertThat(claimed.leaseExpires()).contains(kit.clock.instant().plus(Duration.ofMinutes(15)));

        kit.clock.advance(Duration.ofMinutes(10));
        BoardTask renewed = kit.board.claims().heartbeat(ann, task.id(), Duration.ofMinutes(15));
        assertThat(renewed.leaseExpires()).contains(kit.clock.instant().plus(Duration.ofMinutes(15)));

        kit.clock.advance(Duration.ofMinutes(10));
        assertThat(kit.board.tasks().list(ann.orgId(), TaskQuery.all())).singleElement()
                .extracting(BoardTask::status).as("renewed, so still held 20 minutes after the claim")
                .isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void a_task_assigned_to_someone_else_or_blocked_cannot_be_claimed(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask forBob = kit.board.tasks().create(ann, NewTask.titled("Bob's").withAssignee("bob"));
        BoardTask blocked = kit.board.tasks().create(ann, NewTask.titled("Later").dependingOn(forBob.id()));

        assertThatThrownBy(() -> kit.board.claims().claim(ann, forBob.id(), Claims.DEFAULT_TTL))
                .isInstanceOf(BoardConflictException.class).hasMessage("board task " + forBob.id()
                        + " is assigned to bob");
        assertThatThrownBy(() -> kit.board.claims().claim(ann, blocked.id(), Claims.DEFAULT_TTL))
                .isInstanceOf(BoardConflictException.class).hasMessageContaining("is blocked by open dependencies: "
                        + forBob.id() + " (pending)");
        assertThat(kit.board.claims().claim(bob, forBob.id(), Claims.DEFAULT_TTL).claimedBy()).contains("bob");
    }

    @Test
    void an_expired_lease_returns_the_task_to_ready_with_an_audit_row_and_tells_the_holder(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask task = kit.board.tasks().create(bob, NewTask.titled("Abandoned"));
        kit.board.claims().claim(ann, task.id(), Duration.ofMinutes(15));
        kit.board.inbox().take(ann, 100);

        kit.clock.advance(Duration.ofMinutes(16));

        assertThat(kit.board.ready().list(ann.orgId(), 10, Optional.empty())).extracting(BoardTask::id)
                .containsExactly(task.id());
        BoardTask back = kit.board.tasks().get(ann.orgId(), task.id());
        assertThat(back.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(back.claimedBy()).isEmpty();
        AuditRecord expiry = kit.board.audit().history(ann.orgId(), task.id()).getLast();
        assertThat(expiry.action()).isEqualTo("expire");
        assertThat(expiry.agent()).isEqualTo(Agent.BOARD);
        assertThat(expiry.changes().path("claimed_by").get(0).asString()).isEqualTo("ann");
        List<Notification> told = kit.board.inbox().take(ann, 10);
        assertThat(told).extracting(Notification::type).containsExactly(NotificationType.LEASE_EXPIRED);
        assertThatThrownBy(() -> kit.board.claims().heartbeat(ann, task.id(), Claims.DEFAULT_TTL))
                .isInstanceOf(BoardConflictException.class).hasMessageContaining("claim it again");
        assertThat(kit.board.claims().claim(bob, task.id(), Claims.DEFAULT_TTL).claimedBy()).contains("bob");
    }

    @Test
    void a_lapsed_claim_can_be_taken_over_at_once_and_its_holder_is_told(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask task = kit.board.tasks().create(bob, NewTask.titled("Take over"));
        kit.board.claims().claim(ann, task.id(), Duration.ofSeconds(30));
        kit.board.inbox().take(ann, 100);
        kit.clock.advance(Duration.ofSeconds(31));

        BoardTask taken = kit.board.claims().claim(bob, task.id(), Claims.DEFAULT_TTL);

        assertThat(taken.claimedBy()).contains("bob");
        assertThat(kit.board.inbox().take(ann, 10)).extracting(Notification::type)
                .containsExactly(NotificationType.LEASE_EXPIRED);
    }

    @Test
    void only_the_holder_completes_or_releases_a_claimed_task(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask task = kit.board.tasks().create(bob, NewTask.titled("Mine"));
        kit.board.claims().claim(ann, task.id(), Claims.DEFAULT_TTL);

        assertThatThrownBy(() -> kit.board.transitions().complete(bob, task.id(), Optional.empty()))
                .isInstanceOf(BoardConflictException.class).hasMessageContaining("only ann may complete it");
        assertThatThrownBy(() -> kit.board.transitions().release(bob, task.id()))
                .isInstanceOf(BoardConflictException.class);
        BoardTask released = kit.board.transitions().release(ann, task.id());
        assertThat(released.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(released.claimedBy()).isEmpty();
    }

    @Test
    void a_lease_outside_its_bounds_is_refused(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Bounds"));
        assertThatThrownBy(() -> kit.board.claims().claim(ann, task.id(), Duration.ofSeconds(1)))
                .isInstanceOf(io.tasker.InvalidInputException.class).hasMessageStartingWith("ttl:");
    }
}
