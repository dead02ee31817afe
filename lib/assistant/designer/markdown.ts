/**
 * Descriptions pasted from a README: keep the prose and feature lists, drop what describes the code rather than
 * the app (code blocks, links' targets, badges, HTML, set-up and licence sections). Plain text passes unchanged.
 */

/** Sections about building and running the project, not about what the app stores. */
const SKIP_SECTION =
  /^(?:install|installation|getting started|get started|quick ?start|setup|set up|setting up|deploy|deployment|deploying|running|run locally|local development|development|develop|contributing|contribute|contributors|license|licence|tech(?:nology)? stack|stack|built with|tools|technologies|scripts|commands|environment|env|configuration|prerequisites|requirements|project structure|folder structure|file structure|directory structure|learn more|resources|acknowledg\w*|credits|authors?|contact|support|faq|troubleshooting|screenshots?|demo|preview|links?|usage|api|testing|tests|roadmap|todo|to ?do|changelog|sponsors?|star history|about the author|community|join the community|useful links|deploy on vercel|learn more about convex)\b/i;

export function looksLikeMarkdown(text: string): boolean {
  return /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+\.\s|```|!\[|<\w)/m.test(text) || /\]\([^)]+\)/.test(text);
}

/** HTML entities READMEs use ("&mdash;", "&amp;", "&#39;"): their characters, never words of the request. */
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: " — ",
  ndash: " – ",
  hellip: "…",
  rsquo: "'",
  lsquo: "'",
  rdquo: '"',
  ldquo: '"',
  middot: " · ",
  bull: " · ",
  rarr: " → ",
  larr: " ← ",
  times: "×",
  copy: "©",
  reg: "®",
  trade: "™",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** Plain sentences of a markdown description; one line per heading, list item or paragraph. */
export function plainText(input: string): string {
  const text = decodeEntities(input);
  if (!looksLikeMarkdown(text)) return text;
  const out: string[] = [];
  let skipping = false;
  let skipLevel = 0;
  let fenced = false;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(?:```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const heading = /^\s{0,3}(#{1,6})\s+(.*)$/.exec(raw);
    if (heading) {
      const level = heading[1].length;
      const title = clean(heading[2]).replace(/^[^a-z0-9]+/i, "");
      if (skipping && level > skipLevel) continue;
      skipping = SKIP_SECTION.test(title);
      skipLevel = level;
      if (!skipping && title) out.push(`${title}.`);
      continue;
    }
    if (skipping) continue;
    const line = clean(raw.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, ""));
    if (!line || /^(?:npm|npx|yarn|pnpm|bun|git|cd|curl)\b/.test(line)) continue;
    out.push(/[.!?:;]$/.test(line) ? line : `${line}.`);
  }
  return out.join("\n");
}

function clean(line: string): string {
  return line
    .replace(/<!--.*?-->/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/[*_~]{1,3}([^*_~]+)[*_~]{1,3}/g, "$1")
    .replace(/^\s*>\s?/, "")
    .replace(/\|/g, ", ")
    .replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}]|\u{FE0F}|\u{200D}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
