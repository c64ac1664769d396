/** "Firefox on Linux" from a User-Agent header, for people to recognise their own sessions. Never trusted. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Unknown browser';
  const browser = [
    ['Edg/', 'Edge'],
    ['OPR/', 'Opera'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Chromium/', 'Chromium'],
    ['Safari/', 'Safari'],
    ['curl/', 'curl'],
  ].find(([needle]) => ua.includes(needle!))?.[1];
  const os = [
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Android', 'Android'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ].find(([needle]) => ua.includes(needle!))?.[1];
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}
