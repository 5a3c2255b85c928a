/**
 * Report a behaviour signal or site event; `urgent` sends it now instead of at the end of the batch window; `id`
 * is its idempotency key when the source has one (a purchase's transaction id), else a random one.
 */
export type Emit = (type: string, data?: Record<string, unknown>, urgent?: boolean, id?: string) => void;
