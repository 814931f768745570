package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A named volume on a device, as its status report and local API show it.
 *
 * @param sizeBytes the size of its file system
 * @param usedBytes bytes in use as df counts them; absent while it is not mounted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeStatus(String name, long sizeBytes, Long usedBytes) {}
