// Which request targets the proxy forwards. It joins the path to the upstream's base path
// (`/tenantA/` + path), and Node passes the request line on exactly as sent, so a dot segment
// would climb out of the base at the upstream, which resolves it. Upstreams differ in what they
// decode first (`%2e`, `%2f`, `%5c`, backslashes, `..;` on Java servers, twice-encoded `%25`), so
// anything that any of them could turn into `..` is refused rather than rewritten.

/** Paths with none of these are plainly safe; the rest get the closer look. */
const WORTH_A_LOOK = /[%\\;]|\/\./;
const ENCODED_PERCENT = /%25/i;
const ENCODED_PERCENTS = /%25/gi;
const ENCODED_SEPARATOR = /%2f|%5c|\\/i;
const ENCODED_DOT = /%2e/gi;
/** Layers of `%25` unwrapped; deeper nesting is refused, as no real path needs it. */
const MAX_PERCENT_LAYERS = 3;

/** Whether `target` (the request line's target) is an origin-form path that stays under the upstream's base path. */
export function isForwardableTarget(target: string): boolean {
  if (target[0] !== '/') return false; // absolute-form (`http://…`), asterisk-form, empty
  const query = target.indexOf('?');
  let path = query === -1 ? target : target.slice(0, query);
  if (!WORTH_A_LOOK.test(path)) return true;
  for (let layer = 0; ENCODED_PERCENT.test(path); layer++) {
    if (layer === MAX_PERCENT_LAYERS) return false;
    path = path.replace(ENCODED_PERCENTS, '%');
  }
  if (ENCODED_SEPARATOR.test(path)) return false;
  for (const segment of path.replace(ENCODED_DOT, '.').split('/')) {
    const name = segment.split(';', 1)[0];
    if (name === '.' || name === '..') return false;
  }
  return true;
}
