/**
 * Where the next page of a list starts, remembered per request (path + query without `page`), so a
 * client walking `_links.next` costs one pass over the data in all instead of a rescan per page
 * (quadratic on a 2M-event account). Entries are dropped when the list they index changes length
 * (POST /tasks) or is another array, and the oldest go first beyond `max`.
 */
interface Entry {
  items: readonly unknown[];
  length: number;
  /** page → index in `items` where that page's scan starts. */
  starts: Map<number, number>;
}

export class PageCursors {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly max = 256) {}

  private entry(key: string, items: readonly unknown[]): Entry {
    let entry = this.entries.get(key);
    if (!entry || entry.items !== items || entry.length !== items.length) {
      entry = { items, length: items.length, starts: new Map() };
    }
    // Re-inserting keeps the most recently used entries last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** The index to start scanning page `page` at, when a previous page recorded it. */
  startOf(key: string, items: readonly unknown[], page: number): number | undefined {
    return this.entry(key, items).starts.get(page);
  }

  record(key: string, items: readonly unknown[], page: number, index: number): void {
    this.entry(key, items).starts.set(page, index);
  }
}

/** The cursor key of a request: its path and query without `page`. */
export function cursorKey(pathname: string, rawQuery: string): string {
  const rest = rawQuery.split("&").filter((part) => part !== "" && !/^page=/.test(part));
  return `${pathname}?${rest.join("&")}`;
}
