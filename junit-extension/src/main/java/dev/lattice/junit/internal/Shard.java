package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share of cells one machine runs, from configuration parameter {@value #PARAMETER}, such as
 * {@code 2/4} for the second of four shards. A cell's shard comes from a SHA-256 hash of its test
 * method's key and its name, not its position, so it does not move when other cells are added or
 * filtered out, and every machine computes the same split.
 *
 * @param number this shard, from 1 to {@code count}
 * @param count how many shards the cells are split into
 */
public record Shard(int number, int count) {

    /** The configuration parameter holding the shard. */
    public static final String PARAMETER = "lattice.matrix.shard";

    /** The one shard that holds every cell. */
    public static final Shard WHOLE = new Shard(1, 1);

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    /**
     * Creates a shard.
     *
     * @param number this shard, from 1 to {@code count}
     * @param count how many shards there are, at least 1
     */
    public Shard {
        if (count < 1 || number < 1 || number > count) {
            throw new IllegalArgumentException("Shard " + number + "/" + count + " is not within 1/1 to n/n");
        }
    }

    /**
     * Reads the shard from the configuration parameter's text.
     *
     * @param text the parameter's value, if it is set
     * @param problems where to record text that is no shard
     * @return the shard; {@link #WHOLE} if the parameter is unset, blank or invalid
     */
    public static Shard parse(Optional<String> text, ConfigurationProblems problems) {
        if (text.isEmpty() || text.get().isBlank()) {
            return WHOLE;
        }
        Matcher matcher = SYNTAX.matcher(text.get());
        if (matcher.matches()) {
            int number = Integer.parseInt(matcher.group(1));
            int count = Integer.parseInt(matcher.group(2));
            if (count >= 1 && number >= 1 && number <= count) {
                return new Shard(number, count);
            }
        }
        problems.add("Configuration parameter " + PARAMETER + "=" + text.get()
                + " is not a shard; write k/n with 1 <= k <= n, such as 2/4 for the second of four");
        return WHOLE;
    }

    /**
     * Whether the cell belongs to this shard.
     *
     * @param methodKey the stable key of the cell's test method
     * @param cell the cell
     * @return {@code true} for exactly one shard of each count
     */
    public boolean holds(String methodKey, Cell cell) {
        return shardOf(methodKey, cell) == number;
    }

    /**
     * The shard, of this shard's count, that a cell belongs to.
     *
     * @param methodKey the stable key of the cell's test method
     * @param cell the cell
     * @return the cell's shard number, from 1 to {@code count}
     */
    public int shardOf(String methodKey, Cell cell) {
        if (count == 1) {
            return 1;
        }
        byte[] hash = sha256(methodKey + "\n" + cell);
        return new BigInteger(1, hash).mod(BigInteger.valueOf(count)).intValue() + 1;
    }

    @Override
    public String toString() {
        return number + "/" + count;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
