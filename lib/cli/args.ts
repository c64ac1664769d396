/** `--name value` pairs and positional arguments; `lists` keeps every value of a repeated flag. */
export function parseArgs(argv: string[]): { flags: Map<string, string>; lists: Map<string, string[]>; positional: string[] } {
  const flags = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const value = argv[++i] ?? '';
      flags.set(a.slice(2), value);
      lists.set(a.slice(2), [...(lists.get(a.slice(2)) ?? []), value]);
    } else positional.push(a);
  }
  return { flags, lists, positional };
}
