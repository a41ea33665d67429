package io.dgating.api.data;

import io.dgating.api.Shape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: unsigned-byte image tensors
 * (magic {@code 0x00000803}) and label vectors ({@code 0x00000801}), plain or gzipped.
 * Pixels keep the values stored in the file, {@code 0 .. 255}: a model trained on them (after the
 * standardisation that training fits and export folds into the first layer) then takes the
 * file's bytes as they are, so nothing outside the model has to know a scaling convention.
 */
public final class IdxReader {

    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /**
     * Reads an image file and its label file into a classification dataset with classes
     * {@code 0 .. 9} named by {@code classNames}.
     *
     * @param images the {@code idx3-ubyte} file (optionally {@code .gz})
     * @param labels the {@code idx1-ubyte} file (optionally {@code .gz})
     * @param name the dataset's name
     * @param classNames names of the label values 0, 1, ...
     * @return the dataset, one row per image of shape {@code [1, height, width]}, pixels row-major
     * @throws InvalidDataException if a file is missing, truncated or not IDX, or the counts differ
     */
    public static Dataset read(Path images, Path labels, String name, List<String> classNames) {
        int[][] imageDims = new int[1][];
        byte[] pixels = readUbyte(images, 3, imageDims);
        int[][] labelDims = new int[1][];
        byte[] label = readUbyte(labels, 1, labelDims);
        int n = imageDims[0][0];
        if (labelDims[0][0] != n) {
            throw new InvalidDataException(
                    labels.toString(), 0, null, labelDims[0][0] + " labels for " + n + " images in " + images);
        }
        int cols = imageDims[0][1] * imageDims[0][2];
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] & 0xff;
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int v = label[i] & 0xff;
            if (v >= classNames.size()) {
                throw new InvalidDataException(
                        labels.toString(),
                        0,
                        null,
                        "label " + v + " at item " + i + " but only " + classNames.size() + " classes");
            }
            y[i] = v;
        }
        List<String> names = new ArrayList<>(cols);
        for (int r = 0; r < imageDims[0][1]; r++) {
            for (int c = 0; c < imageDims[0][2]; c++) {
                names.add("pixel_" + r + "_" + c);
            }
        }
        return new Dataset(
                name, Shape.of(1, imageDims[0][1], imageDims[0][2]), n, x, y, Task.CLASSIFICATION, names, classNames);
    }

    /**
     * Reads an unsigned-byte IDX tensor of the given rank.
     *
     * @param file the file
     * @param rank expected number of dimensions
     * @param dimsOut receives the dimensions in slot 0
     * @return the raw bytes
     */
    static byte[] readUbyte(Path file, int rank, int[][] dimsOut) {
        String source = file.toString();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(
                        new BufferedInputStream(source.endsWith(".gz") ? new GZIPInputStream(raw) : raw, 1 << 16))) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >> 8) & 0xff) != UBYTE || (magic & 0xff) != rank) {
                throw new InvalidDataException(
                        source,
                        0,
                        null,
                        String.format("not an unsigned-byte IDX file of rank %d (magic 0x%08x)", rank, magic));
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 0) {
                    throw new InvalidDataException(source, 0, null, "negative dimension " + dims[d]);
                }
                size *= dims[d];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new InvalidDataException(source, 0, null, "tensor of " + size + " bytes is too large");
            }
            byte[] data = new byte[(int) size];
            in.readFully(data);
            dimsOut[0] = dims;
            return data;
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(source, 0, null, "file not found");
        } catch (EOFException e) {
            throw new InvalidDataException(
                    source, 0, null, "truncated: the header promises more bytes than the file has");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
