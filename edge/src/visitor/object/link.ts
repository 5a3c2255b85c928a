import type { VisitorStateStore } from "./state-store.ts";

const DAY_MS = 86_400_000;

/**
 * The "customer:<id>" object this browser is linked to (identify), and when the link was last used: a linked
 * browser is active even though its own state no longer changes. Both are cached after the first read.
 */
export class VisitorLink {
  /** undefined: not read yet. */
  private target: string | null | undefined;
  private seen: number | undefined;

  constructor(private readonly store: VisitorStateStore) {}

  linkedTo(): string | null {
    if (this.target === undefined) this.target = this.store.meta("link");
    return this.target;
  }

  set(name: string | null): void {
    if (!this.store.ready) this.store.init();
    if (name) {
      this.store.setMeta("link", name);
      this.store.setMeta("link_seen", String(Date.now()));
    } else this.store.sql.exec(`DELETE FROM meta WHERE key IN ('link', 'link_seen')`);
    this.target = name;
    this.seen = name ? Date.now() : 0;
  }

  /** Last use of the link (0 when never linked). */
  seenAt(): number {
    if (this.seen === undefined) this.seen = Number(this.store.meta("link_seen") ?? 0);
    return this.seen;
  }

  /** Records that the link is in use, at most once a day (one small write, not one per page). */
  touch(): void {
    const now = Date.now();
    if (now - this.seenAt() < DAY_MS) return;
    this.store.setMeta("link_seen", String(now));
    this.seen = now;
  }

  /** Known to be unlinked from now on (the storage was erased, or is about to be). */
  clear(): void {
    this.target = null;
    this.seen = undefined;
  }
}
