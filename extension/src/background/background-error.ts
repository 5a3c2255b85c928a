/** A refusal the marketer can act on (no site configured, no preview in force, ...), shown as is in the UI. */
export class BackgroundError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "BackgroundError";
  }
}
