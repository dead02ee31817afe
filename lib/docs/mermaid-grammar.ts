/**
 * A check of `erDiagram` text against Mermaid's ER grammar (the jison lexer and parser of mermaid 11,
 * `src/diagrams/er/parser/erDiagram.jison`), for the forms this project writes: entity blocks with attribute lines
 * `type name [PK|FK|UK[, …]] ["comment"]`, and relationship lines `A <card>--<card> B : "label"`.
 * Mermaid itself cannot be the oracle here: 12.x needs Node ≥ 22.12 and parsing needs a DOM. Returns the problems
 * found, each with its line number; [] when the text is valid.
 */
const ENTITY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ATTR_TYPE = /^[A-Za-z_][A-Za-z0-9_\-[\]()]*$/;
const ATTR_NAME = /^[*A-Za-z_][A-Za-z0-9_\-[\]().]*$/;
const KEYS = /^(PK|FK|UK)(\s*,\s*(PK|FK|UK))*$/;
const LEFT = new Set(["|o", "||", "}o", "}|"]);
const RIGHT = new Set(["o|", "||", "o{", "|{"]);

export function checkMermaidEr(text: string): string[] {
  const lines = text.split("\n");
  const problems: string[] = [];
  if (lines[0]?.trim() !== "erDiagram") problems.push(`line 1: expected "erDiagram"`);
  let inEntity: string | undefined;
  const attrs = new Set<string>();
  lines.slice(1).forEach((raw, i) => {
    const at = `line ${i + 2}`;
    const line = raw.trim();
    if (!line || line.startsWith("%%")) return;
    if (inEntity) {
      if (line === "}") return void (inEntity = undefined);
      const m = /^(\S+)\s+(\S+)(?:\s+([A-Z, ]+?))?(?:\s+"([^"]*)")?$/.exec(line);
      if (!m) return void problems.push(`${at}: not an attribute line: ${line}`);
      const [, type, name, keys] = m;
      if (!ATTR_TYPE.test(type)) problems.push(`${at}: attribute type "${type}" is not a Mermaid word`);
      if (!ATTR_NAME.test(name)) problems.push(`${at}: attribute name "${name}" is not a Mermaid word`);
      if (keys && !KEYS.test(keys.trim())) problems.push(`${at}: key "${keys}" is not PK, FK or UK`);
      if (attrs.has(name)) problems.push(`${at}: attribute "${name}" of "${inEntity}" is written twice`);
      attrs.add(name);
      return;
    }
    const block = /^(\S+)\s*\{$/.exec(line);
    if (block) {
      if (!ENTITY.test(block[1])) problems.push(`${at}: entity name "${block[1]}" is not a Mermaid word`);
      inEntity = block[1];
      attrs.clear();
      return;
    }
    const rel = /^(\S+)\s+(\S{2})(--|\.\.)(\S{2})\s+(\S+)\s*:\s*(?:"[^"]*"|[A-Za-z_][A-Za-z0-9_-]*)$/.exec(line);
    if (!rel) return void problems.push(`${at}: not an entity block or relationship: ${line}`);
    const [, a, l, , r, b] = rel;
    if (!ENTITY.test(a) || !ENTITY.test(b)) problems.push(`${at}: entity name in "${line}" is not a Mermaid word`);
    if (!LEFT.has(l) || !RIGHT.has(r)) problems.push(`${at}: cardinality "${l}--${r}" is not Mermaid's`);
  });
  if (inEntity) problems.push(`entity "${inEntity}" is not closed`);
  return problems;
}
