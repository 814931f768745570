package dev.skerry.agent.runtime;

/**
 * A named volume on this box.
 *
 * @param sizeBytes the size of its file system (of its image while it is not mounted)
 * @param usedBytes bytes in use as df counts them; null while it is not mounted
 */
public record VolumeUsage(String name, long sizeBytes, Long usedBytes) {}
