package io.dgating.engine.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DJL engine on the CPU is deterministic: the same seed and inputs give the same parameters,
 * loss history and metrics to the last bit, twice in one JVM, in a fresh JVM whose collector runs
 * every few steps (the condition under which Java-backed scalars used to be freed before
 * backward), on a thread other than the one that started PyTorch, and when resumed from a
 * checkpoint half way (the shared training loop reseeds dropout per epoch). With two threads too:
 * PyTorch's CPU kernels split work into fixed chunks per thread count and MKL's matrix products
 * do not change their reduction order between runs at a fixed thread count, so bit-identity holds
 * per thread count (results of one and two threads differ from each other in the last bits, which
 * is not asserted).
 *
 * <p>The model is big enough for two threads to be used: digits, 64-256-128-10 with D = 3 input
 * and neuron gating, dropout (PyTorch's seeded generator), Adam, batch 256.
 */
class DeterminismIT {

    static TrainingResult train(int threads) {
        return train(threads, r -> r);
    }

    static TrainingResult train(int threads, UnaryOperator<TrainingRequest> adjust) {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.DIGITS.load(), 0.2, 0.2, 1).standardized();
        ModelSpec model = ModelSpec.builder(64)
                .dense(256, Activation.RELU)
                .dropout(0.1)
                .dense(128, Activation.GELU)
                .dense(10, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(Optimizer.Adam.defaults())
                .learningRate(0.01)
                .epochs(4)
                .batchSize(256)
                .weightDecay(1e-4)
                .seed(17)
                .build();
        try (DjlEngine engine = new DjlEngine(new EngineConfig(threads, "cpu"))) {
            return engine.train(adjust.apply(TrainingRequest.of(model, gating, cfg, data)));
        }
    }

    /** Every parameter's raw float bits, then every epoch's loss, penalty and validation metrics, then test metrics. */
    static String digest(TrainingResult r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ParameterSet p = r.parameters();
            for (String name : p.names()) {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                float[] v = p.get(name).data();
                ByteBuffer buf = ByteBuffer.allocate(4 * v.length);
                for (float f : v) {
                    buf.putInt(Float.floatToRawIntBits(f));
                }
                md.update(buf.array());
            }
            for (EpochStats s : r.history()) {
                md.update(s.toString().getBytes(StandardCharsets.UTF_8));
            }
            md.update(r.metrics(Split.TEST).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertBitIdentical(TrainingResult a, TrainingResult b) {
        for (String name : a.parameters().names()) {
            float[] x = a.parameters().get(name).data();
            float[] y = b.parameters().get(name).data();
            int[] xb = new int[x.length];
            int[] yb = new int[y.length];
            for (int i = 0; i < x.length; i++) {
                xb[i] = Float.floatToRawIntBits(x[i]);
                yb[i] = Float.floatToRawIntBits(y[i]);
            }
            assertArrayEquals(xb, yb, name);
        }
        assertEquals(a.history(), b.history());
        assertEquals(a.metrics(Split.TEST), b.metrics(Split.TEST));
        assertEquals(digest(a), digest(b));
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void twoTrainingsInOneJvmAreBitIdentical(int threads) {
        TrainingResult a = train(threads);
        TrainingResult b = train(threads);
        assertEquals(Integer.toString(threads), a.provenance().get("threads"));
        assertTrue(a.history().get(3).dataLoss() < a.history().get(0).dataLoss(), "it trained");
        assertBitIdentical(a, b);
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void aFreshJvmCollectingEveryFewStepsGivesTheSameBytes(int threads) throws Exception {
        String here = digest(train(threads));
        assertEquals(here, digestInChildJvm(threads));
    }

    @Test
    void aRunResumedFromACheckpointEndsBitIdenticalToTheUninterruptedRun() {
        TrainingResult whole = train(1);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        train(
                1,
                r -> r.withCheckpointsEvery(2).withListener(new TrainingListener() {
                    @Override
                    public void onCheckpoint(TrainingCheckpoint c) {
                        checkpoints.add(c);
                    }
                }));
        assertEquals(2, checkpoints.size(), "checkpoints after epochs 2 and 4");
        TrainingCheckpoint half = checkpoints.get(0);
        assertEquals(2, half.epochsDone());
        assertTrue(
                half.optimizerState().names().stream().anyMatch(n -> n.endsWith(".adam_v")),
                "Adam's buffers are saved");
        TrainingResult resumed = train(1, r -> r.resumingFrom(half));
        assertBitIdentical(whole, resumed);
    }

    @Test
    void aTrainingOnAnotherThreadThanPyTorchsFirstGivesTheSameBytes() throws Exception {
        TrainingResult onThisThread = train(1);
        AtomicReference<Object> onOther = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        onOther.set(train(1));
                    } catch (RuntimeException | Error e) {
                        onOther.set(e);
                    }
                },
                "request-thread");
        t.start();
        t.join();
        if (onOther.get() instanceof Throwable e) {
            throw new AssertionError("training on a second thread failed: " + e, e);
        }
        assertBitIdentical(onThisThread, (TrainingResult) onOther.get());
    }

    /** A path's parallel runs: two trainings at once in one JVM, each as if alone (DJL has one gradient collector). */
    @Test
    void twoConcurrentTrainingsGiveTheBytesOfSequentialOnes() throws Exception {
        TrainingResult alone = train(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> train(1));
            var b = pool.submit(() -> train(1));
            assertBitIdentical(alone, a.get());
            assertBitIdentical(alone, b.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Trains in a new JVM with a 2 MB young generation, so that the collector runs every few
     * steps and frees whatever direct memory has become unreachable, and returns its digest.
     */
    private static String digestInChildJvm(int threads) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx256m",
                "-Xmn2m",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                Integer.toString(threads)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM finished");
        assertEquals(0, p.exitValue(), "child JVM output:\n" + out);
        return out.lines()
                .filter(l -> l.startsWith("digest "))
                .map(l -> l.substring(7))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no digest in child JVM output:\n" + out));
    }

    /** The child JVM's entry point: trains and prints the digest. */
    public static final class Child {

        private Child() {}

        /**
         * Trains with the given thread count and prints {@code digest <hex>}.
         *
         * @param args the thread count
         */
        public static void main(String[] args) {
            System.out.println("digest " + digest(train(Integer.parseInt(args[0]))));
        }
    }
}
