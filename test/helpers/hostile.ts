/**
 * Hostile posts, generated deterministically for fuzzing the core, the CLI and the server: mutations of the rule
 * fixtures (byte flips, duplicated lines, deep nesting, huge keys and values, aliases and merges, lone surrogates,
 * CR-only line breaks, NULs, BOMs, unclosed quotes) and the known attacks of issue #6.
 */

/** mulberry32: a small seeded PRNG, so that a failing case is reproduced by its seed and index. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The known attacks: each a few bytes to a megabyte of YAML that Psych reads. */
export const HOSTILE_CASES: Record<string, string> = {
  mergeKey: '---\ntitle: x\nbase: &a {x: 1}\nextra:\n  <<: *a\n---\n',
  nestedFlowKey: `---\nk: ${'{'.repeat(30)}a${'}'.repeat(30)}\n---\n`,
  billionLaughs: `---\na: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n---\n`,
  hugeKey: `---\n${'k'.repeat(1 << 20)}: 1\n---\n`,
  duplicateTags: `---\ntags: [${Array(20000).fill('a').join(', ')}]\n---\n`,
  deepFlow: `---\nk: ${'['.repeat(100000)}\n---\n`,
  unknownAlias: '---\ntitle: *nowhere\n---\n',
  selfMerge: '---\na: &a {<<: *a, x: 1}\nb: &b [*b]\n---\n',
};

type Mutation = (text: string, random: () => number) => string;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const at = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));
const insert = (text: string, random: () => number, piece: string) => {
  const i = at(text, random);
  return text.slice(0, i) + piece + text.slice(i);
};

const MUTATIONS: Mutation[] = [
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << Math.floor(r() * 7))) + t.slice(i + 1);
  },
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, ...Array(1 + Math.floor(r() * 20)).fill(lines[i]));
    return lines.join('\n');
  },
  (t, r) => insert(t, r, pick(['[', '{', '- ', '? '], r).repeat(1 + Math.floor(r() * 2000))),
  (t, r) => insert(t, r, `\n${'k'.repeat(Math.floor(r() * 20000))}: ${'v'.repeat(Math.floor(r() * 1000))}\n`),
  (t, r) => insert(t, r, `\nbig: ${'x '.repeat(Math.floor(r() * 5000))}\n`),
  (t, r) => insert(t, r, pick(['\na: &a {title: x, tags: [a, b]}\n<<: *a\n', '\nb: *a\n', '\n<<: [*a, *b]\n', '\ntags: *a\n', '\nc: &c [*c]\n', '\nt: &t x\n*t : 1\n'], r)),
  (t, r) => insert(t, r, pick(['\ud800', '\udc00', '\udbff\udbff', '\ud83d'], r)),
  (t) => t.replace(/\r?\n/g, '\r'),
  (t, r) => insert(t, r, '\0'.repeat(1 + Math.floor(r() * 10))),
  (t, r) => (r() < 0.5 ? '\ufeff' + t : insert(t, r, '\ufeff')),
  (t, r) => insert(t, r, pick(['"', "'", ': "unclosed', ": 'unclosed", '"\\', "''''"], r)),
  (t, r) => insert(t, r, pick(['\\', "'", '"', ':', '#', ' ', '\t'], r).repeat(1 + Math.floor(r() * 5000))),
  (t, r) => insert(t, r, `\ntags: [${Array(1 + Math.floor(r() * 2000)).fill(pick(['a', 'A', '', ':s', '"x"'], r)).join(', ')}]\n`),
  (t, r) => t.slice(0, at(t, r)),
  (t, r) => insert(t, r, '\n---\n'),
];

/**
 * `count` hostile posts from `seed`: each a fixture text with one to four mutations, every 50th one a known attack
 * (whole or mutated).
 */
export function* hostilePosts(fixtures: readonly string[], seed: number, count: number): Generator<{ name: string; text: string }> {
  const random = prng(seed);
  const cases = Object.entries(HOSTILE_CASES);
  for (let n = 0; n < count; n++) {
    if (n % 50 === 0) {
      const [name, text] = cases[(n / 50) % cases.length];
      yield { name: `${seed}/${n} ${name}`, text: n / 50 < cases.length ? text : pick(MUTATIONS, random)(text, random) };
      continue;
    }
    let text = pick(fixtures, random);
    const mutations = 1 + Math.floor(random() * 4);
    for (let m = 0; m < mutations; m++) text = pick(MUTATIONS, random)(text, random);
    yield { name: `${seed}/${n}`, text };
  }
}
