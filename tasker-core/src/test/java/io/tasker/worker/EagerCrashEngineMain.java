package io.tasker.worker;

import io.tasker.handler.StepResult;
import io.tasker.testing.Engines;
import java.time.Duration;
import java.util.Map;

/**
 * Runs in a child JVM for {@link EagerDispatchCrashTest}: an engine whose {@code stuck} handler announces itself and
 * never returns, so the test can kill the engine while it holds an eagerly dispatched step.
 */
public final class EagerCrashEngineMain {

    public static void main(String[] args) throws InterruptedException {
        Engines.inChildJvm(args[0], 4).eagerDispatch(true)
                .workerId("eager-doomed")
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200))
                .runMaintenance(false)
                .handler("quick", ctx -> StepResult.success(Map.of("quick", true)))
                .handler("stuck", ctx -> {
                    System.out.println("RUNNING " + ctx.stepName());
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                    return StepResult.success(Map.of());
                })
                .template(EagerDispatchCrashTest.TEMPLATE)
                .start();
        Engines.readyUntilKilled();
    }
}
