package io.dgating.engine.cpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The parallel loop visits every index exactly once, on several threads when large, and passes failures on. */
class WorkersTest {

    private static final WorkerPool POOL = new WorkerPool(3);

    @AfterAll
    static void shutdown() {
        POOL.close();
    }

    @Test
    void everyIndexRunsOnceAcrossSeveralParts() {
        Workers workers = new Workers(POOL);
        for (int count : new int[] {2, 3, 7, 1000, 4099}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(count);
            Set<String> parts = ConcurrentHashMap.newKeySet();
            workers.forRange(count, KernelConstants.PARALLEL_LOOP_THRESHOLD, (from, to) -> {
                parts.add(from + ".." + to);
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < count; i++) {
                assertEquals(1, seen.get(i), "index " + i + " of " + count);
            }
            assertTrue(parts.size() > 1 && parts.size() <= 3, count + " indices in " + parts);
        }
    }

    @Test
    void smallLoopsStayOnTheCallingThread() {
        Workers workers = new Workers(POOL);
        assertFalse(workers.splits(100, 1));
        Thread caller = Thread.currentThread();
        workers.forRange(100, 1, (from, to) -> {
            assertEquals(caller, Thread.currentThread());
            assertEquals(0, from);
            assertEquals(100, to);
        });
    }

    @Test
    void aFailingPartFailsTheLoop() {
        Workers workers = new Workers(POOL);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> workers.forRange(64, KernelConstants.PARALLEL_LOOP_THRESHOLD, (from, to) -> {
                    if (from > 0) {
                        throw new IllegalStateException("part " + from);
                    }
                }));
        assertTrue(e.getMessage().contains("part "), e.getMessage());
    }
}
