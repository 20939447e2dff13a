package dev.resolute.tck.storage;

import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.storage.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Kills a committing {@link CrashChild} at random points, over and over on the same data dir, and
 * after each kill checks in this JVM that every acknowledged batch survived whole and nothing survived
 * in part ({@link CrashWorkload#verify}).
 */
final class CrashRounds {

    /** What the rounds saw, for the test's report. */
    record Summary(int rounds, long acknowledged, long committed) {
    }

    private final PluginFactory factory;
    private final Map<String, String> config;
    private final Path dataDir;
    private final Path work;

    CrashRounds(PluginFactory factory, Map<String, String> config, Path work) {
        this.factory = factory;
        this.config = config;
        this.work = work;
        this.dataDir = work.resolve("node");
    }

    Summary run(int rounds, long seed) throws Exception {
        Random random = new Random(seed);
        long acknowledged = 0;
        long[] heads = new long[CrashWorkload.WRITERS];
        for (int round = 1; round <= rounds; round++) {
            AtomicLongArray acks = new AtomicLongArray(CrashWorkload.WRITERS);
            List<String> strays = new ArrayList<>();
            int killAfterMillis = random.nextInt(400);
            List<String> args = new ArrayList<>(List.of("crash", factory.getClass().getName(), dataDir.toString()));
            config.forEach((k, v) -> args.add(k + "=" + v));
            ChildJvm child = ChildJvm.start(work.resolve("child-" + round + ".err"), args, line -> {
                        String[] p = line.split(" ");
                        if (p.length == 3 && p[0].equals("ack")) {
                            acks.accumulateAndGet(Integer.parseInt(p[1]), Long.parseLong(p[2]), Math::max);
                        } else {
                            strays.add(line);
                        }
                    });
            try (child) {
                child.awaitReady(60_000);
                Thread.sleep(killAfterMillis);
                child.kill();
            }
            String context = "round " + round + " of seed " + seed + " (killed " + killAfterMillis + " ms after ready; child stderr: "
                    + child.stderrTail() + ", other output: " + strays + ")";
            try (OpenStore store = OpenStore.open(factory, dataDir, config);
                 Snapshot snapshot = store.storage().snapshot()) {
                CrashWorkload workload = new CrashWorkload(store.storage());
                for (int w = 0; w < heads.length; w++) {
                    long head;
                    try {
                        head = workload.verify(snapshot, w);
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + " in " + context, e);
                    }
                    if (head < acks.get(w)) {
                        throw new AssertionError("writer " + w + " was acknowledged batch " + acks.get(w) + " but only " + head
                                + " survived, in " + context);
                    }
                    acknowledged += Math.max(0, acks.get(w) - heads[w]);
                    heads[w] = head;
                }
            }
        }
        long committed = 0;
        for (long h : heads) {
            committed += h;
        }
        return new Summary(rounds, acknowledged, committed);
    }
}
