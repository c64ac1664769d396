/**
 * A whole HTML page written without React (a share link's pages, the artifact proxy's bootstrap):
 * the document, its charset, viewport and robots lines, then `head` (title, style, script) and `body`.
 */
export function htmlDocument({ robots, head, body }: { robots: string; head: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="${robots}">
${head}
</head>
<body>
${body}
</body>
</html>`;
}
