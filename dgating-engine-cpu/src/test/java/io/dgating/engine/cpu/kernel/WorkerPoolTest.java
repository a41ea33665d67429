package io.dgating.engine.cpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The spinning pool: every part of every region runs exactly once, on the caller and the helpers;
 * a part's exception reaches the caller and the pool goes on working; regions started inside a
 * part or by a second thread while one runs complete in place; a closed pool still runs regions;
 * idle helpers park instead of spinning forever.
 */
class WorkerPoolTest {

    @Test
    void everyPartOfEveryRegionRunsExactlyOnce() {
        List<Thread> helpers = new CopyOnWriteArrayList<>();
        try (WorkerPool pool = new WorkerPool(3, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            helpers.add(t);
            return t;
        })) {
            assertEquals(3, pool.parallelism());
            Random rnd = new Random(1);
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            for (int region = 0; region < 20_000; region++) {
                int parts = rnd.nextInt(9);
                AtomicIntegerArray count = new AtomicIntegerArray(Math.max(parts, 1));
                pool.run(parts, p -> {
                    count.incrementAndGet(p);
                    ran.add(Thread.currentThread());
                });
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, count.get(p), "region " + region + ", part " + p + " of " + parts);
                }
            }
            assertEquals(2, helpers.size());
            assertTrue(ran.contains(Thread.currentThread()), "the caller runs parts too");
            assertTrue(ran.stream().anyMatch(helpers::contains), "helpers run parts");
        }
    }

    @Test
    void aPartsExceptionReachesTheCallerAndThePoolGoesOn() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException boom = new IllegalStateException("part 3");
            IllegalStateException thrown = assertThrows(
                    IllegalStateException.class,
                    () -> pool.run(8, p -> {
                        if (p == 3) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            AtomicIntegerArray count = new AtomicIntegerArray(8);
            pool.run(8, count::incrementAndGet);
            for (int p = 0; p < 8; p++) {
                assertEquals(1, count.get(p));
            }
        }
    }

    @Test
    void nestedAndConcurrentRegionsCompleteInPlace() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicIntegerArray inner = new AtomicIntegerArray(16);
            pool.run(4, p -> pool.run(4, q -> inner.incrementAndGet(p * 4 + q)));
            for (int i = 0; i < 16; i++) {
                assertEquals(1, inner.get(i), "nested part " + i);
            }
            AtomicIntegerArray shared = new AtomicIntegerArray(4 * 1000 * 6);
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                callers.add(new Thread(() -> {
                    for (int r = 0; r < 1000; r++) {
                        int base = (caller * 1000 + r) * 6;
                        pool.run(6, p -> shared.incrementAndGet(base + p));
                    }
                }));
            }
            callers.forEach(Thread::start);
            for (Thread t : callers) {
                t.join(60_000);
            }
            for (int i = 0; i < shared.length(); i++) {
                assertEquals(1, shared.get(i), "entry " + i);
            }
        }
    }

    @Test
    void idleHelpersParkAndAClosedPoolStillRunsRegions() throws Exception {
        List<Thread> helpers = new CopyOnWriteArrayList<>();
        WorkerPool pool = new WorkerPool(2, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            helpers.add(t);
            return t;
        });
        pool.run(4, p -> {});
        Thread helper = helpers.get(0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (helper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(
                Thread.State.WAITING,
                helper.getState(),
                "an idle helper parks after spinning " + WorkerPool.SPIN_NANOS / 1_000_000 + " ms");
        AtomicIntegerArray woken = new AtomicIntegerArray(4);
        pool.run(4, woken::incrementAndGet);
        for (int p = 0; p < 4; p++) {
            assertEquals(1, woken.get(p), "a parked helper's pool runs every part");
        }
        pool.close();
        helper.join(5_000);
        assertEquals(Thread.State.TERMINATED, helper.getState(), "close stops the helpers");
        AtomicIntegerArray after = new AtomicIntegerArray(3);
        pool.run(3, after::incrementAndGet);
        for (int p = 0; p < 3; p++) {
            assertEquals(1, after.get(p), "a closed pool runs regions on the caller");
        }
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
