package dev.skerry.core.concurrent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated code runs on a Vert.x event loop: it must not block (no JDBC, no waiting on a
 * future, no file I/O beyond a few bytes); blocking work goes to a worker or a {@link RunsOn}
 * thread. On a type: every method. Documentation only; nothing checks it at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface RunsOnEventLoop {}
