// What a page navigation gets without a valid proxy session: no upstream content, only this.

export function bootstrapPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Signing in…</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font:15px/1.5 system-ui,sans-serif;color:#4b5563}</style>
<script type="module" src="/.app-gateway/bootstrap.js"></script>
</head>
<body>
<p id="app-gateway-bootstrap" data-state="waiting">Checking who you are…</p>
</body>
</html>`;
}

/** The bootstrap page's own policy: its script, its session call, framed only by the gateway. */
export function bootstrapPageCsp(gatewayOrigin: string): string {
  return `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${gatewayOrigin}`;
}
