/** A management API answer: JSON, never cached (it carries an org's data). */
export function managementJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}
