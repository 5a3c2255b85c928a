// Placeholder: the page hot path (identify, decide, rewrite) lands here.
export async function handlePage(request: Request, _env: Env, _ctx: ExecutionContext): Promise<Response> {
  return new Response("placeholder", { status: 503 });
}
