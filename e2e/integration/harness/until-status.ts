/** Retries `call` until it answers `wanted` or `ms` pass; returns the last status seen. */
export async function untilStatus(call: () => Promise<Response>, wanted = 200, ms = 15_000): Promise<number> {
  const deadline = Date.now() + ms;
  let status = 0;
  while (Date.now() < deadline && status !== wanted) {
    status = (await call()).status;
    if (status !== wanted) await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}
