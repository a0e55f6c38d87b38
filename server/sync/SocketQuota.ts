/**
 * Open sockets per key (a token, an address), each with its cap. `take` counts a socket under
 * every key it belongs to, or none when one of them is full; the returned `release` undoes it.
 */
export class SocketQuota {
  private readonly open = new Map<string, number>();

  /** Counts one socket under `keys` (key to cap); null, counting nothing, when one is at its cap. */
  take(keys: readonly { key: string; cap: number }[]): (() => void) | null {
    if (keys.some(({ key, cap }) => (this.open.get(key) ?? 0) >= cap)) return null;
    for (const { key } of keys) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const { key } of keys) {
        const left = (this.open.get(key) ?? 1) - 1;
        if (left <= 0) this.open.delete(key);
        else this.open.set(key, left);
      }
    };
  }
}
