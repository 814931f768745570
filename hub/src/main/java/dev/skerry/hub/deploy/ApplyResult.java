package dev.skerry.hub.deploy;

/** The outcome of applying a deployment; {@code changed} is false when the content was known. */
public record ApplyResult(String name, long revision, boolean changed) {}
