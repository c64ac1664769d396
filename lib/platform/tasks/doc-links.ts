// Every relative link in the repository's markdown leads somewhere: a file or folder that exists in
// the repository and, with a #fragment into a markdown file, a heading of that file (the anchor GitHub
// gives it) or an explicit `id`. Run by lib/platform/tasks/doc-links.test.ts; by hand:
//   node lib/platform/tasks/node24.mjs tsx lib/platform/tasks/doc-links.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type BrokenLink = { file: string; line: number; target: string; reason: string };

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.next', 'dist', '.data', 'test-results', 'playwright-report']);

/** Every markdown file under root (repository-relative, sorted), build output and dependencies left out. */
export function markdownFiles(root: string, folder = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) files.push(...markdownFiles(root, relative));
    else if (entry.isFile() && entry.name.endsWith('.md')) files.push(relative);
  }
  return files.sort();
}

/** The markdown's lines outside fenced code blocks, numbered from 1, inline code spans blanked. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((text, index) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence === null && opener) fence = opener[0]!;
    else if (fence !== null && opener?.[0] === fence) fence = null;
    else if (fence === null) lines.push({ line: index + 1, text: text.replace(/(`+)[^`]*?\1/g, '') });
  });
  return lines;
}

/** GitHub's anchor for a heading's text: plain text, lower case, punctuation dropped, spaces → `-`. */
export function anchorOf(heading: string): string {
  const plain = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return plain
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a markdown file offers: its headings' (a repeated one gets -1, -2, …) and any `id="…"`. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const text of markdown.split('\n')) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence === null && opener) fence = opener[0]!;
    else if (fence !== null && opener?.[0] === fence) fence = null;
    if (fence !== null || opener) continue;
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading !== undefined) {
      const base = anchorOf(heading);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const id of text.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return anchors;
}

/** The link targets of a markdown file, inline (`[text](target)`, images too) and reference definitions. */
export function linksOf(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  for (const { line, text } of proseLines(markdown)) {
    for (const match of text.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line, target: match[1]!.replace(/^<|>$/g, '') });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(text)?.[1];
    if (definition) links.push({ line, target: definition.replace(/^<|>$/g, '') });
  }
  return links;
}

const isAbsolute = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Every relative link of every markdown file under root that leads nowhere, with the reason. */
export function brokenLinks(root: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsIn = (file: string) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(path.join(root, file), 'utf8')));
    return anchorCache.get(file)!;
  };
  for (const file of markdownFiles(root)) {
    for (const { line, target } of linksOf(readFileSync(path.join(root, file), 'utf8'))) {
      if (isAbsolute(target)) continue;
      const hashAt = target.indexOf('#');
      const pathPart = decodeURIComponent(hashAt === -1 ? target : target.slice(0, hashAt));
      const fragment = hashAt === -1 ? null : decodeURIComponent(target.slice(hashAt + 1));
      const resolved = pathPart === '' ? file : path.posix.normalize(pathPart.startsWith('/') ? pathPart.slice(1) : path.posix.join(path.posix.dirname(file), pathPart));
      const report = (reason: string) => broken.push({ file, line, target, reason });
      if (resolved === '..' || resolved.startsWith('../')) report('leads outside the repository');
      else if (!existsSync(path.join(root, resolved))) report(`no such file: ${resolved}`);
      else if (fragment !== null && resolved.endsWith('.md') && statSync(path.join(root, resolved)).isFile() && !anchorsIn(resolved).has(fragment)) {
        report(`no heading or id "${fragment}" in ${resolved}`);
      }
    }
  }
  return broken;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(import.meta.dirname, '../../..');
  const broken = brokenLinks(root);
  for (const link of broken) console.log(`${link.file}:${link.line}: (${link.target}) ${link.reason}`);
  console.log(`${markdownFiles(root).length} markdown files, ${broken.length} broken links`);
  process.exitCode = broken.length === 0 ? 0 : 1;
}
