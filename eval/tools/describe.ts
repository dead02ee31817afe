/**
 * The description people wrote for an app, taken from its README: the intro and a feature list, as plain text.
 * Template READMEs (create-next-app, Convex/Chef/Vite templates, empty ones) give null: they describe no app.
 */

const TEMPLATE = [
  /bootstrapped with \[?`?create-/i,
  /welcome to your convex functions directory/i,
  /this (?:is a|project is a)?\s*\[?convex\]?.{0,40}(?:project|app) created with/i,
  /this template provides a minimal setup/i,
  /\bcreated with \[?chef\]?/i,
  /this is a project built with \[?chef\]?/i,
  /this turborepo starter is maintained by the turborepo core team/i,
  /^#\s*(?:react \+ )?(?:typescript \+ )?vite\b/im,
  /lovable\.(?:dev|app)\/projects/i,
  /this is a \[?next\.?js\]? (?:project|template)/i,
  /^#\s*welcome to your (?:expo|lovable)/im,
  /\bvly\.ai\b/i,
  /welcome to your new tanstack app/i,
  /this project uses the following tech stack/i,
];

/** Markdown → readable plain text (no badges, images, HTML, code blocks, links' targets). */
export function plainText(md: string): string {
  return md
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/```[\s\S]*?```/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/^\s*>\s?/gm, "")
    .replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]|\u{FE0F}/gu, "")
    .replace(/[ \t]+/g, " ");
}

const STOP_SECTION =
  /^(?:tech(?:nology)?\s*stack|stack|built with|getting started|installation|install|setup|set ?up|prerequisites|development|local development|running|run locally|quick ?start|usage|deploy|deployment|environment|env|scripts|project structure|folder structure|architecture|license|contributing|learn more|screenshots?|demo|roadmap|acknowledg|credits|author|contact|api|configuration|testing|commands|troubleshooting|faq|requirements|how to run|tech|dev\b|table of contents|contents|version|health|mvp testing|changelog|links|support|team|license)\b/i;

/**
 * The intro paragraphs and the first lists up to a section about setup/stack, at most `max` characters.
 * Returns null for a template README or one with too little prose to describe an app.
 */
export function describeFromReadme(md: string, max = 1600): string | null {
  if (TEMPLATE.some((re) => re.test(md))) return null;
  const lines = plainText(md).split("\n");
  const kept: string[] = [];
  let skipping = false;
  for (const raw of lines) {
    const line = raw.trim();
    const heading = /^#{1,6}\s*(.*)$/.exec(line);
    if (heading) {
      const title = heading[1].replace(/^[^A-Za-z]+/, "").trim();
      skipping = STOP_SECTION.test(title);
      if (!skipping && title) kept.push(`${title}:`);
      continue;
    }
    if (skipping || !line || /^[-=|:\s]+$/.test(line) || line.startsWith("|")) continue;
    if (/^(?:npm|pnpm|yarn|bun|npx|git|cd)\s/.test(line) || /https?:\/\//.test(line)) continue;
    kept.push(line.replace(/^[*+]\s+/, "- "));
  }
  // Drop headings that ended up with nothing under them.
  const text = kept
    .filter((l, i) => !(l.endsWith(":") && (i === kept.length - 1 || kept[i + 1].endsWith(":"))))
    .join("\n")
    .trim();
  const prose = text
    .replace(/[^A-Za-z ]/g, "")
    .split(/\s+/)
    .filter(Boolean);
  if (prose.length < 25) return null;
  return text.length <= max
    ? text
    : text.slice(0, text.lastIndexOf("\n", max) > max / 2 ? text.lastIndexOf("\n", max) : max).trim();
}
