/**
 * The plain data object of a post (for templates and the preview), through gray-matter configured to agree with the
 * ranged parse: the front matter is located as Jekyll locates it (a BOM, `...` closers) and its YAML is read with
 * our Psych-compatible parser, not gray-matter's js-yaml (which reads YAML 1.2 and rejects what libyaml accepts).
 */
import matter from 'gray-matter';
import { locateFrontMatter, parseFrontMatter } from './frontMatter';

export interface PostMatter {
  /** The front-matter fields as Jekyll reads them ({} when Jekyll reads none). */
  data: Record<string, unknown>;
  /** The body after the front matter. */
  content: string;
  /** The excerpt: the body up to Jekyll's default separator, the first blank line. */
  excerpt: string;
}

export function readMatter(text: string): PostMatter {
  const located = locateFrontMatter(text);
  if (!located?.close) {
    // No front matter for Jekyll (or never closed): the whole file is the body.
    const body = located ? text : text.replace(/^\ufeff/, '');
    return { data: {}, content: body, excerpt: excerptOf(body) };
  }
  const yaml = text.slice(located.content.offset, located.content.offset + located.content.length);
  const body = text.slice(located.close.offset + located.close.length);
  // gray-matter knows only `---` closers and no BOM: give it the front matter Jekyll found, delimited its way.
  const file = matter(`---\n${yaml}---\n${body}`, {
    engines: { yaml: (source: string) => parseFrontMatter(`---\n${source}\n---\n`)?.data ?? {} },
  });
  return { data: file.data, content: file.content, excerpt: excerptOf(file.content) };
}

function excerptOf(body: string): string {
  return body.replace(/^\s*\n/, '').split(/\r?\n\r?\n/)[0] ?? '';
}
