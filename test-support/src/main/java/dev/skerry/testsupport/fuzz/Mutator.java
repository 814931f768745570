package dev.skerry.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of mutated inputs (no coverage guidance): each input is one of the seeds with
 * one to four mutations — bit flips, byte changes, truncation, splices of two seeds, a token of the
 * dictionary inserted, a range repeated, a huge number, deep nesting, a long string. The same seed
 * gives the same inputs, so a failure is reproducible from the printed index.
 */
public final class Mutator {
  /** Tokens that JSON, YAML and our own formats care about. */
  public static final List<String> JSON_TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ":",
          ",",
          "\"",
          "\\",
          "\\u0000",
          "\\ud800",
          "null",
          "true",
          "false",
          "-",
          "0",
          "-0",
          "1e999",
          "-1e999",
          "9223372036854775808",
          "NaN",
          "Infinity",
          "0x10",
          "1.5",
          "\"v\"",
          "\"v\":1",
          "\"deviceId\"",
          "\"revision\"",
          "\"workloads\"",
          "\"name\"",
          "\"image\"",
          "\"labels\"",
          "{}",
          "[]",
          "\u00ff",
          "\u0000",
          "\n",
          "\r\n",
          "\t",
          " ",
          "&a",
          "*a",
          "!!",
          "!!python/object:x",
          "---",
          "...",
          "<<",
          "- ",
          "? ",
          "| ",
          "> ",
          "#",
          "%YAML",
          "=",
          "!=",
          "==",
          "!",
          "/",
          ".",
          "@sha256:",
          "skerry1.",
          "-----BEGIN ",
          "-----END ",
          "ed25519:",
          "Bearer ",
          "realm=",
          "scope=",
          "service=");

  private final Random random;
  private final List<byte[]> seeds;
  private final List<byte[]> dictionary;

  public Mutator(long seed, List<String> seeds, List<String> dictionary) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("at least one seed input");
    }
    this.random = new Random(seed);
    this.seeds = seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    this.dictionary = dictionary.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** The next input: a seed, mutated one to four times. */
  public byte[] next() {
    byte[] data = seeds.get(random.nextInt(seeds.size()));
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      data = mutate(data);
    }
    return data;
  }

  private byte[] mutate(byte[] in) {
    int n = in.length;
    switch (random.nextInt(11)) {
      case 0: // flip a bit
        if (n == 0) {
          return in;
        }
        byte[] flipped = in.clone();
        flipped[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
        return flipped;
      case 1: // set a byte to anything
        if (n == 0) {
          return in;
        }
        byte[] set = in.clone();
        set[random.nextInt(n)] = (byte) random.nextInt(256);
        return set;
      case 2: // truncate
        return Arrays.copyOf(in, n == 0 ? 0 : random.nextInt(n));
      case 3: // splice: a head of this one, a tail of another seed
        byte[] other = seeds.get(random.nextInt(seeds.size()));
        int cut = n == 0 ? 0 : random.nextInt(n);
        int from = other.length == 0 ? 0 : random.nextInt(other.length);
        return concat(Arrays.copyOf(in, cut), Arrays.copyOfRange(other, from, other.length));
      case 4: // insert a dictionary token
        return insert(in, dictionary.get(random.nextInt(dictionary.size())));
      case 5: // delete a range
        if (n == 0) {
          return in;
        }
        int a = random.nextInt(n);
        int b = Math.min(n, a + 1 + random.nextInt(16));
        return concat(Arrays.copyOf(in, a), Arrays.copyOfRange(in, b, n));
      case 6: // repeat a range
        if (n == 0) {
          return in;
        }
        int s = random.nextInt(n);
        int e = Math.min(n, s + 1 + random.nextInt(32));
        byte[] piece = Arrays.copyOfRange(in, s, e);
        return insert(in, repeat(piece, 2 + random.nextInt(64)));
      case 7: // a huge number
        return insert(in, ascii(random.nextBoolean() ? "9".repeat(2000) : "1e" + "9".repeat(12)));
      case 8: // deep nesting
        int depth = 200 + random.nextInt(1800);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        return insert(in, ascii(open.repeat(depth)));
      case 9: // a long string
        return insert(in, ascii("\"" + "x".repeat(1000 + random.nextInt(20_000)) + "\""));
      default: // a seed's field replaced by another's: swap two ranges
        return insert(in, seeds.get(random.nextInt(seeds.size())));
    }
  }

  private byte[] insert(byte[] in, byte[] what) {
    int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
    return concat(concat(Arrays.copyOf(in, at), what), Arrays.copyOfRange(in, at, in.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] repeat(byte[] piece, int times) {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      parts.add(piece);
    }
    byte[] out = new byte[0];
    for (byte[] p : parts) {
      out = concat(out, p);
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
