import { rubyToS } from '../../jekyll/psych';
import { fileNameSlug, permalinkTitle } from '../../jekyll/slugify';
import { defineRule } from '../../rule';
import { readDate } from '../date/evaluate';

export default defineRule({
  id: 'filename/empty-slug',
  description: 'A post\'s file name has nothing usable after the date, so its URL has no name',
  defaultSeverity: 'warning',
  docs: 'Jekyll takes a post\'s slug from the file name after the date: `2020-10-23-.md` (or `2020-10-23--.md`, `2020-10-23-..md`) leaves it empty. Jekyll 4.3.1 builds the post anyway, warns only ``Empty `slug` generated for \'\'`` in the log, and writes the post where its name should be: with the default permalink to `/2020/10/23/.html`, a hidden file that many web servers refuse to serve; with `/:year-:month-:day/:title` to `/2020-10-23/index.html`, the page of the day itself, which a second such post of that day overwrites. Rename the file with a slug after the date (`2020-10-23-ferry-fares.md`), or set `slug:` in the front matter.',
  check(context) {
    const { post, entry, report } = context;
    const match = post.file.match;
    if (post.file.place !== 'posts' || !match) return;
    // Document#populate_title: `data["slug"] ||= slug`, so a front-matter slug (anything but null or false) wins.
    const own = entry('slug')?.value;
    const frontMatterSlug = own && own.kind !== 'null' && !(own.kind === 'bool' && !own.value) && own.kind !== 'seq' && own.kind !== 'map' ? rubyToS(own, () => 0) : undefined;
    if (permalinkTitle(match.slug, frontMatterSlug) !== '') return;
    const jekyllSlug = frontMatterSlug ?? fileNameSlug(match.slug);
    const title = entry('title')?.value;
    const suggestion = (title?.kind === 'string' ? title.value : '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'title';
    // The URL takes the post's date: the front matter's when it has a valid one, else the file name's.
    const reading = readDate(context);
    const day = reading?.result.ok ? reading.result.localIso.slice(0, 10) : match.date.split('-').map((n, i) => n.padStart(i ? 2 : 4, '0')).join('-');
    const [y, m, d] = day.split('-');
    const where = `writes the page, with the default permalink, to /${y}/${m}/${d}/.html (a hidden file that many web servers refuse to serve) or, with permalink /:year-:month-:day/:title, to /${y}-${m}-${d}/index.html (where another such post of that day overwrites it)`;
    report({
      range: frontMatterSlug !== undefined ? (entry('slug')?.valueRange ?? { offset: 0, length: 0 }) : { offset: 0, length: 0 },
      message: frontMatterSlug !== undefined
        ? `The front matter's slug '${jekyllSlug}' is empty once Jekyll makes it fit for a URL, so the post's URL has no name: Jekyll warns "Empty \`slug\` generated for '${jekyllSlug}'" and ${where}. Give slug: a name, for example slug: ${suggestion}.`
        : `The file name '${post.file.name}' has no slug after the date, so the post's URL has no name: Jekyll warns "Empty \`slug\` generated for '${jekyllSlug}'" and ${where}. Rename the file with a slug, for example '${match.date}-${suggestion}${match.ext}', or set slug: in the front matter.`,
    });
  },
});
