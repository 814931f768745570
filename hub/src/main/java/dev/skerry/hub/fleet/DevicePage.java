package dev.skerry.hub.fleet;

import dev.skerry.hub.store.DeviceRecord;
import java.util.List;

/**
 * One page of devices; {@code lastId} is set when more matching devices follow (the next page
 * starts after it), null on the last page.
 */
public record DevicePage(List<DeviceRecord> items, String lastId) {
  public DevicePage {
    items = List.copyOf(items);
  }
}
