package io.tasker.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The maintenance loop's timer, on a fixed clock: it plans a wake-up, moves it earlier for a retry due sooner,
 * never later, and keeps what it heard while a round ran. Nothing here measures real time.
 */
class AlarmTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Alarm alarm = new Alarm();

    @Test
    void a_retry_due_sooner_moves_the_wake_up_to_its_due_time_and_a_later_one_does_not() throws Exception {
        CompletableFuture<Void> sleeping = sleep(NOW.plus(Duration.ofHours(1)));
        await().until(() -> alarm.wakeAt().equals(Optional.of(NOW.plus(Duration.ofHours(1)))));

        alarm.retryDue(NOW.plus(Duration.ofMinutes(10)));
        assertThat(alarm.wakeAt()).contains(NOW.plus(Duration.ofMinutes(10)));
        alarm.retryDue(NOW.plus(Duration.ofMinutes(20)));
        assertThat(alarm.wakeAt()).as("never later").contains(NOW.plus(Duration.ofMinutes(10)));

        alarm.ring();
        sleeping.get(30, TimeUnit.SECONDS);
        assertThat(alarm.wakeAt()).as("no sleep, no wake-up").isEmpty();
    }

    @Test
    void a_retry_heard_while_a_round_ran_shortens_the_next_sleep() throws Exception {
        alarm.retryDue(NOW.plus(Duration.ofMinutes(5)));

        CompletableFuture<Void> sleeping = sleep(NOW.plus(Duration.ofHours(1)));
        await().until(() -> alarm.wakeAt().isPresent());
        assertThat(alarm.wakeAt()).contains(NOW.plus(Duration.ofMinutes(5)));
        alarm.ring();
        sleeping.get(30, TimeUnit.SECONDS);
    }

    @Test
    void a_wake_up_in_the_past_does_not_sleep() throws Exception {
        alarm.sleepUntil(NOW.minusMillis(1), CLOCK);
        alarm.sleepUntil(NOW, CLOCK);
        assertThat(alarm.wakeAt()).isEmpty();
    }

    private CompletableFuture<Void> sleep(Instant until) {
        return CompletableFuture.runAsync(() -> {
            try {
                alarm.sleepUntil(until, CLOCK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
