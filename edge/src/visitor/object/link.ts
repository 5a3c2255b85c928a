import type { LinkProof, LinkView } from "../visitor-rpc.ts";
import { customerIdOf } from "../visitor-stub.ts";
import type { VisitorStateStore } from "./state-store.ts";

const DAY_MS = 86_400_000;

interface Stored extends LinkProof {
  target: string;
}

/**
 * The "customer:<id>" object this browser is linked to (identify), how the link was proven, and when it was last
 * used: a linked browser is active even though its own state no longer changes. Cached after the first read.
 *
 * A link proven by a browser token lasts until the token's expiry (each identify renews it); a server-side link does
 * not expire. A link stored without a proof (made before identify needed one) is no link at all.
 */
export class VisitorLink {
  /** undefined: not read yet. */
  private stored: Stored | null | undefined;
  private seen: number | undefined;

  constructor(private readonly store: VisitorStateStore) {}

  private read(): Stored | null {
    if (this.stored !== undefined) return this.stored;
    const target = this.store.meta("link");
    const via = this.store.meta("link_via");
    const until = this.store.meta("link_until");
    this.stored =
      target && (via === "token" || via === "server")
        ? { target, via, expiresAt: via === "token" ? Number(until ?? 0) : null }
        : null;
    return this.stored;
  }

  /** The customer object pages and events go to now: null when unlinked, or when the link has expired. */
  linkedTo(now = Date.now()): string | null {
    const s = this.read();
    return s && (s.expiresAt === null || now < s.expiresAt) ? s.target : null;
  }

  /** The link as /me shows it, active or not. */
  view(now = Date.now()): LinkView | null {
    const s = this.read();
    const customerId = customerIdOf(s?.target ?? null);
    if (!s || !customerId) return null;
    return { customerId, via: s.via, expiresAt: s.expiresAt, active: this.linkedTo(now) !== null };
  }

  /** The stored target, even when expired (a renewal of the same customer needs no new merge). */
  storedTarget(): string | null {
    return this.read()?.target ?? null;
  }

  set(name: string | null, proof?: LinkProof): void {
    if (!this.store.ready) this.store.init();
    if (name && proof) {
      this.store.setMeta("link", name);
      this.store.setMeta("link_via", proof.via);
      this.store.setMeta("link_until", String(proof.expiresAt ?? ""));
      this.store.setMeta("link_seen", String(Date.now()));
      this.stored = { target: name, ...proof };
    } else {
      this.store.deleteMeta(["link", "link_via", "link_until", "link_seen"]);
      this.stored = null;
    }
    this.seen = this.stored ? Date.now() : 0;
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
    this.stored = null;
    this.seen = undefined;
  }
}
