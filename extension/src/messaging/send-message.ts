import { browser } from "wxt/browser";
import type { MessageType, Reply, RequestOf, Responses } from "./protocol.ts";

/** A failed request, with the API's status when the site answered one (401: wrong token, ...). */
export class MessageError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "MessageError";
  }
}

/** Sends one typed request to the background and returns its typed reply (throws MessageError on failure). */
export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Responses[K]> {
  const reply = (await browser.runtime.sendMessage({ type, data })) as Reply<Responses[K]> | undefined;
  if (!reply) throw new MessageError("no answer from the extension's background");
  if (!reply.ok) throw new MessageError(reply.error, reply.status);
  return reply.value;
}
