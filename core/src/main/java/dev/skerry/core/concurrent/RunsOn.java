package dev.skerry.core.concurrent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated code runs on the one thread named {@link #value()} (a single-thread executor made
 * with {@link NamedThreads}): that thread is its single writer and orders the work, so the code
 * takes no locks. A caller on another thread hands the work over (submit it) instead of calling
 * directly. On a type: every method. Documentation only; nothing checks it at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface RunsOn {
  /** The thread's name as it shows in a thread dump, e.g. {@code skerry-hub-control}. */
  String value();
}
