package dev.resolute.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.tck.MapConfigScope;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retention keys (reference §7): Restate's names and defaults, their clamps, and Restate's compute_retention. */
class RetentionSettingsTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final long DAY_MS = DAY.toMillis();

    @Test
    void defaultsAreRestates() {
        assertThat(settings(Map.of(), Map.of())).isEqualTo(new RetentionSettings(DAY, DAY, DAY, Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofHours(1)));
    }

    @Test
    void everyKeyMapsToItsSetting() {
        assertThat(settings(Map.of("default-journal-retention", "1s", "default-idempotency-retention", "2s",
                "default-workflow-completion-retention", "3s", "max-journal-retention", "4s", "max-idempotency-retention", "5s",
                "max-workflow-completion-retention", "6s"), Map.of("cleanup-interval", "500ms")))
                .isEqualTo(new RetentionSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                        Optional.of(Duration.ofSeconds(4)), Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(6)),
                        Duration.ofMillis(500)));
    }

    @Test
    void theWorkerDeclaresTheKeysWhereRestateHasThem() {
        WorkerFactory factory = new WorkerFactory();
        assertThat(factory.configReads()).extracting(k -> k.path()).contains("default-journal-retention", "default-idempotency-retention",
                "default-workflow-completion-retention", "max-journal-retention", "max-idempotency-retention", "max-workflow-completion-retention");
        assertThat(factory.configKeys()).extracting(k -> k.path()).contains("cleanup-interval");
        assertThat(factory.configSection()).isEqualTo("worker");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of(), Map.of("cleanup-interval", "0s")))
                .hasMessage("worker.cleanup-interval = PT0S must be positive");
        assertThatThrownBy(() -> settings(Map.of("default-journal-retention", "a while"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutIdempotencyKeyTheResultIsKeptAsLongAsTheJournal() {
        RetentionSettings s = settings(Map.of(), Map.of());
        assertThat(s.resolve(InvocationOptions.NONE, InvocationOptions.NONE, false, false)).isEqualTo(new RetentionSettings.Retention(DAY_MS, DAY_MS));
        assertThat(s.resolve(options(null, Duration.ofHours(2), null), options(null, Duration.ofMinutes(3), null), false, false))
                .as("the handler's journal retention wins over the service's").isEqualTo(new RetentionSettings.Retention(180_000, 180_000));
        RetentionSettings noJournal = settings(Map.of("default-journal-retention", "0"), Map.of());
        assertThat(noJournal.resolve(InvocationOptions.NONE, InvocationOptions.NONE, false, false)).isEqualTo(new RetentionSettings.Retention(0, 0));
    }

    @Test
    void anIdempotentRequestKeepsItsResultForTheIdempotencyRetentionAndItsJournalNoLonger() {
        RetentionSettings s = settings(Map.of("default-journal-retention", "1s", "default-idempotency-retention", "2s"), Map.of());
        assertThat(s.resolve(InvocationOptions.NONE, InvocationOptions.NONE, false, true)).isEqualTo(new RetentionSettings.Retention(2000, 1000));
        assertThat(s.resolve(options(Duration.ofMillis(500), null, null), InvocationOptions.NONE, false, true))
                .as("the service's idempotency retention, and the journal capped by it").isEqualTo(new RetentionSettings.Retention(500, 500));
        assertThat(s.resolve(options(Duration.ofMillis(500), null, null), options(Duration.ofMillis(700), null, null), false, true))
                .isEqualTo(new RetentionSettings.Retention(700, 700));
    }

    @Test
    void aWorkflowRunKeepsItsResultForTheWorkflowCompletionRetention() {
        RetentionSettings s = settings(Map.of("default-workflow-completion-retention", "3s", "default-idempotency-retention", "2s"), Map.of());
        assertThat(s.resolve(InvocationOptions.NONE, InvocationOptions.NONE, true, false)).isEqualTo(new RetentionSettings.Retention(3000, 3000));
        assertThat(s.resolve(InvocationOptions.NONE, options(null, null, Duration.ofSeconds(9)), true, false))
                .isEqualTo(new RetentionSettings.Retention(9000, 9000));
    }

    @Test
    void theMaximumsClampEveryValueWhereverItComesFrom() {
        RetentionSettings s = settings(Map.of("max-journal-retention", "1h", "max-idempotency-retention", "2h",
                "max-workflow-completion-retention", "3h"), Map.of());
        InvocationOptions long_ = options(Duration.ofDays(9), Duration.ofDays(9), Duration.ofDays(9));
        assertThat(s.resolve(InvocationOptions.NONE, long_, false, false)).isEqualTo(new RetentionSettings.Retention(3_600_000, 3_600_000));
        assertThat(s.resolve(InvocationOptions.NONE, long_, false, true)).isEqualTo(new RetentionSettings.Retention(7_200_000, 3_600_000));
        assertThat(s.resolve(InvocationOptions.NONE, long_, true, false)).isEqualTo(new RetentionSettings.Retention(10_800_000, 3_600_000));
        assertThat(s.resolve(InvocationOptions.NONE, InvocationOptions.NONE, false, false))
                .as("a default above the maximum is clamped too").isEqualTo(new RetentionSettings.Retention(3_600_000, 3_600_000));
        assertThat(s.resolve(InvocationOptions.NONE, options(Duration.ofMinutes(1), Duration.ofMinutes(1), null), false, true))
                .as("values below the maximum stay").isEqualTo(new RetentionSettings.Retention(60_000, 60_000));
    }

    private static InvocationOptions options(Duration idempotency, Duration journal, Duration workflowCompletion) {
        return new InvocationOptions(Optional.empty(), Optional.empty(), Optional.ofNullable(idempotency), Optional.ofNullable(journal),
                Optional.ofNullable(workflowCompletion), Optional.empty(), RetryOverrides.NONE);
    }

    private static RetentionSettings settings(Map<String, String> root, Map<String, String> worker) {
        WorkerFactory factory = new WorkerFactory();
        return RetentionSettings.from(new MapConfigScope("", factory.configReads(), new HashMap<>(root)),
                new MapConfigScope(factory.configSection(), factory.configKeys(), new HashMap<>(worker)));
    }
}
