/** One row of the visitor's events log, as written by a commit. */
export interface LoggedEvent {
  id: string | null;
  type: string;
  at: number;
  data: unknown;
}
