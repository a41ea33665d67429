package io.dgating.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The single-row harness around a stand-in caller: who gets a caller, how often it is called, what is counted. */
class SingleRowBenchmarkTest {

    @Test
    void everyCallerThreadGetsItsOwnCallerAndEveryCallIsCounted() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger called = new AtomicInteger();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<SingleRowBenchmark.Stats> stats = new SingleRowBenchmark(4, 25, List.of(1, 3)).run("stand-in", 7, () -> {
            made.incrementAndGet();
            Thread owner = Thread.currentThread();
            threads.add(owner);
            return new SingleRowBenchmark.RowCaller() {
                @Override
                public void call(float[] row) {
                    assertEquals(7, row.length);
                    assertEquals(owner, Thread.currentThread(), "a caller stays on its thread");
                    called.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        });
        assertEquals(4, made.get(), "one caller per thread: 1 + 3");
        assertEquals(4, closed.get());
        assertEquals(4 * (4 + 25), called.get());
        assertTrue(threads.size() >= 3, "the three callers ran on three threads");
        assertEquals(2, stats.size());
        assertEquals(1, stats.get(0).callers());
        assertEquals(25, stats.get(0).latency().calls());
        assertEquals(75, stats.get(1).latency().calls());
        assertTrue(stats.get(1).rowsPerSecond() > 0
                && stats.get(1).latency().p99Ms() >= stats.get(1).latency().medianMs());
    }

    @Test
    void aFailingCallerFailsTheMeasurement() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new SingleRowBenchmark(0, 3, List.of(2)).run("broken", 1, () -> row -> {
                    throw new IllegalStateException("model gone");
                }));
        assertEquals("model gone", e.getMessage());
    }

    @Test
    void refusesImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SingleRowBenchmark(0, 0, List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new SingleRowBenchmark(0, 1, List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new SingleRowBenchmark(-1, 1, List.of(1)));
    }
}
