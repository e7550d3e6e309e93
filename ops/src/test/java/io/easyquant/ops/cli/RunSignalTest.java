package io.easyquant.ops.cli;

import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} in its own JVM signalled while it is still opening its files: SIGTERM the moment the first state map
 * file appears (the maps open after the journal and the venue log, before the pipeline starts). The process must
 * exit 0 and leave a data directory the next run opens and trades on.
 */
@Tag("slow")
class RunSignalTest
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void shouldExitZeroOnSigtermWhileTheStateMapsOpen() throws Exception
    {
        final Path config = config();
        final Path positions = dir.resolve("data").resolve("state").resolve("positions.cmap");
        try (EasyQuantProcess run = EasyQuantProcess.start("run-sigterm-opening", "run", "--config",
            config.toString()))
        {
            run.awaitFile(positions, START_TIMEOUT);

            final int exitCode = run.terminate(STOP_TIMEOUT);

            assertEquals(0, exitCode, run.transcript());
            assertTrue(run.stdout().contains("stopping (signal)"), run.transcript());
            assertNoStackTrace(run.stdout() + run.stderr());
        }

        try (EasyQuantProcess again = EasyQuantProcess.start("run-after-sigterm-opening", "run", "--config",
            config.toString(), "--duration", "2s"))
        {
            assertEquals(0, again.awaitExit(STOP_TIMEOUT), again.transcript());
            assertNoStackTrace(again.stdout() + again.stderr());
        }
    }

    /**
     * The paper configuration without the sink and the admin server, data under the test's directory.
     */
    private Path config()
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "    enabled: true\n", "    enabled: false\n");
        yaml = edit(yaml, "  enabled: true\n", "  enabled: false\n");
        return TestConfigs.write(dir.resolve("signal.yaml"), yaml);
    }
}
