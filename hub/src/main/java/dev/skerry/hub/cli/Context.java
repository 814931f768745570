package dev.skerry.hub.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What a command runs with.
 *
 * @param in standard input, for {@code apply -f -}
 * @param out results
 * @param err errors, warnings and progress
 * @param clock for ages such as LAST SEEN
 * @param hub connects on first use, so that usage errors never need settings
 */
record Context(
    InputStream in, PrintStream out, PrintStream err, Clock clock, Supplier<HubClient> hub) {}
