/** The one page Waymark writes itself: the origin could not be reached at all. */
export function originErrorPage(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222">
<h1>502 Bad Gateway</h1>
<p>The site behind this address could not be reached. Please try again in a moment.</p>
</body></html>
`;
  return new Response(html, {
    status: 502,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-waymark": "error",
    },
  });
}
