/**
 * POSTs JSON to one of Waymark's endpoints on this origin (cookies go with it), as a keepalive request so it
 * survives the page being left. No content-type: the edge reads the body as JSON whatever it is called.
 */
export const postJson = (path: string, body: unknown): Promise<Response> =>
  fetch(path, { method: "POST", body: JSON.stringify(body), keepalive: true });
