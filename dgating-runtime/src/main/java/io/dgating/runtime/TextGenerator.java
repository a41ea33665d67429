package io.dgating.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples text from an exported character-level language model through ONNX Runtime, one
 * character per call: the model reads the last {@code T} characters and the next one is drawn
 * from the softmax of its logits at the last position, divided by the temperature (0: the most
 * likely character). A text shorter than the context sits at the window's first positions; the
 * positions after it are filled with token 0, which the causal model cannot see from the
 * position it is read at.
 */
public final class TextGenerator {

    private final OrtModel model;
    private final List<String> vocabulary;
    private final Map<Integer, Integer> ids = new HashMap<>();
    private final int context;

    /**
     * Wraps a loaded model.
     *
     * @param model a language model dgating exported ({@code [N, T]} token ids in, {@code [N, T, V]} logits out)
     * @throws IllegalArgumentException if the model is not one
     */
    public TextGenerator(OrtModel model) {
        this.model = model;
        int[] shape = model.exampleShape();
        if (shape.length != 1) {
            throw new IllegalArgumentException("not a language model: it takes examples of shape "
                    + Arrays.toString(shape) + ", not windows of characters [T]");
        }
        this.context = shape[0];
        this.vocabulary = ExportMetadata.parse(model.metadata()).classNames();
        if (vocabulary.size() < 2) {
            throw new IllegalArgumentException("not a language model: its metadata names no character vocabulary");
        }
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.put(vocabulary.get(i).codePointAt(0), i);
        }
    }

    /** {@return the window length the model reads} */
    public int context() {
        return context;
    }

    /**
     * Continues a prompt.
     *
     * @param prompt the start; every character must be in the model's vocabulary
     * @param chars characters to add
     * @param temperature {@code > 0} divides the logits before sampling; {@code 0} takes the most likely character
     * @param seed the sampling seed (the same seed gives the same text)
     * @return the characters generated (without the prompt)
     * @throws IllegalArgumentException for an empty prompt, a character the model does not know, or a negative setting
     */
    public String generate(String prompt, int chars, double temperature, long seed) {
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty; give at least one character");
        }
        if (chars < 0 || !(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("--chars must be >= 0 and --temperature a finite number >= 0, got "
                    + chars + " and " + temperature);
        }
        List<Integer> text = new ArrayList<>();
        prompt.codePoints().forEach(c -> {
            Integer id = ids.get(c);
            if (id == null) {
                throw new IllegalArgumentException("the prompt's character '" + new String(Character.toChars(c))
                        + "' (U+" + String.format("%04X", c) + ") is not in the model's vocabulary of "
                        + vocabulary.size() + " characters");
            }
            text.add(id);
        });
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder();
        float[] window = new float[context];
        int v = vocabulary.size();
        for (int k = 0; k < chars; k++) {
            int len = Math.min(context, text.size());
            Arrays.fill(window, 0f);
            for (int t = 0; t < len; t++) {
                window[t] = text.get(text.size() - len + t);
            }
            float[] logits = model.run(window, 1);
            int next = pick(logits, (len - 1) * v, v, temperature, rng);
            text.add(next);
            out.append(vocabulary.get(next));
        }
        return out.toString();
    }

    private static int pick(float[] logits, int from, int v, double temperature, SplittableRandom rng) {
        int best = 0;
        for (int c = 1; c < v; c++) {
            best = logits[from + c] > logits[from + best] ? c : best;
        }
        if (temperature == 0) {
            return best;
        }
        double[] p = new double[v];
        double sum = 0;
        for (int c = 0; c < v; c++) {
            p[c] = Math.exp((logits[from + c] - logits[from + best]) / temperature);
            sum += p[c];
        }
        double u = rng.nextDouble() * sum;
        for (int c = 0; c < v; c++) {
            u -= p[c];
            if (u <= 0) {
                return c;
            }
        }
        return v - 1;
    }
}
