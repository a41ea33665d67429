package io.dgating.engine.cpu.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's threads: the calling thread and {@code threads - 1} helpers, which run the parts
 * of one parallel region at a time (a matrix product's tiles, a layer loop's ranges). A
 * fork-join pool took 25-110 us to hand off each region on this project's 2-core machine (its
 * idle workers park, and waking one is a system call and a reschedule); a training step has
 * dozens of regions, so at batch 64 two threads trained slower than one. Helpers here spin on a
 * generation counter after each region, as OpenMP runtimes do, so the next region starts within
 * a microsecond, and park once idle for {@link #SPIN_NANOS}, so an idle engine costs no CPU.
 *
 * <p>The caller runs parts too and returns when all are done; a part's exception is rethrown on
 * the caller. One region runs at a time: a region started from inside a part, or while another
 * thread's region runs, runs its parts on its own thread (the results never depend on the split).
 */
public final class WorkerPool implements AutoCloseable {

    /** How long an idle helper spins before it parks. */
    static final long SPIN_NANOS = 2_000_000L;

    /** One part of a region. */
    @FunctionalInterface
    public interface Part {
        /**
         * Runs part {@code index}.
         *
         * @param index the part, {@code 0 .. parts - 1}
         */
        void run(int index);
    }

    private final Helper[] helpers;
    private final ReentrantLock region = new ReentrantLock();
    /** The region being run, or the last one; a helper that saw an older one finds its parts all claimed. */
    private volatile Job job;

    private volatile boolean closed;

    /**
     * Creates the pool with daemon helper threads.
     *
     * @param threads threads a region runs on, the caller included (at least 1)
     */
    public WorkerPool(int threads) {
        this(threads, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the pool.
     *
     * @param threads threads a region runs on, the caller included (at least 1)
     * @param factory makes the {@code threads - 1} helper threads
     */
    public WorkerPool(int threads, ThreadFactory factory) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threads);
        }
        helpers = new Helper[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(factory, i + 1);
        }
        for (Helper h : helpers) {
            h.thread.start();
        }
    }

    /** {@return the number of threads a region runs on, the caller included} */
    public int parallelism() {
        return helpers.length + 1;
    }

    /**
     * Runs {@code body} for parts {@code 0 .. parts - 1} on the pool's threads and the caller, and
     * returns when all are done.
     *
     * @param parts number of parts
     * @param body the work of one part; parts must not depend on each other's order
     * @throws RuntimeException or Error a part threw (the first one)
     */
    public void run(int parts, Part body) {
        if (parts <= 1
                || helpers.length == 0
                || closed
                || isHelper()
                || region.isHeldByCurrentThread()
                || !region.tryLock()) {
            for (int p = 0; p < parts; p++) {
                body.run(p);
            }
            return;
        }
        try {
            Job j = new Job(body, parts);
            job = j;
            for (Helper h : helpers) {
                if (h.sleeping) {
                    LockSupport.unpark(h.thread);
                }
            }
            j.work();
            while (j.done < parts) {
                Thread.onSpinWait();
            }
            Throwable f = j.failure;
            if (f instanceof RuntimeException e) {
                throw e;
            } else if (f instanceof Error e) {
                throw e;
            } else if (f != null) {
                throw new IllegalStateException(f);
            }
        } finally {
            region.unlock();
        }
    }

    private boolean isHelper() {
        Thread t = Thread.currentThread();
        for (Helper h : helpers) {
            if (h.thread == t) {
                return true;
            }
        }
        return false;
    }

    /** Stops the helpers (they finish the region they are in); later regions run on the caller. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Helper h : helpers) {
            LockSupport.unpark(h.thread);
        }
    }

    /**
     * One region: its parts are claimed from its own counter, so a helper that read an older region
     * only finds that region's parts all claimed.
     */
    private static final class Job {
        private static final VarHandle NEXT;
        private static final VarHandle DONE;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                NEXT = l.findVarHandle(Job.class, "next", int.class);
                DONE = l.findVarHandle(Job.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Part body;
        private final int parts;
        private volatile int next;
        private volatile int done;
        private volatile Throwable failure;

        Job(Part body, int parts) {
            this.body = body;
            this.parts = parts;
        }

        void work() {
            int p;
            while ((p = (int) NEXT.getAndAdd(this, 1)) < parts) {
                try {
                    body.run(p);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    DONE.getAndAdd(this, 1);
                }
            }
        }
    }

    /** One helper: waits for a new region, runs parts, spins, parks when idle. */
    private final class Helper implements Runnable {
        private final Thread thread;
        private volatile boolean sleeping;

        Helper(ThreadFactory factory, int index) {
            thread = factory.newThread(this);
            thread.setName("dgating-cpu-" + index);
        }

        @Override
        public void run() {
            Job seen = job;
            long idleSince = System.nanoTime();
            while (!closed) {
                Job j = job;
                if (j != seen) {
                    seen = j;
                    j.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    sleeping = true;
                    // re-read after announcing the sleep: a region published in between is not missed,
                    // since its publisher reads sleeping after writing the job
                    if (job == seen && !closed) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
