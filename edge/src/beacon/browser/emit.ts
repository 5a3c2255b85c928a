/** Report a behaviour signal or site event; `urgent` sends it now instead of at the end of the batch window. */
export type Emit = (type: string, data?: Record<string, unknown>, urgent?: boolean) => void;
