/**
 * Where the chat's answers come from, without VS Code types so it runs in tests: the running dashboard's HTTP API
 * (`POST /api/schema/chat` with a project API token) when one is configured, whose proposed schema text the
 * language server checks and turns into a diff and an edit; otherwise the deterministic designer inside the
 * language server, on the open (possibly unsaved) schema.
 */
export interface Dashboard {
  url: string;
  projectId: string;
  token: string;
}

export interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface Answer {
  reply: string;
  questions: string[];
  notes: string[];
  diff?: string;
  /** The schema file and the edit that applies the proposal to it. */
  uri?: string;
  edit?: Edit;
  source: string;
  conversationId?: string;
}

export type Request = (method: string, params: unknown) => Promise<unknown>;

interface ServerProposal {
  reply?: string;
  questions?: string[];
  assumptions?: string[];
  valid?: boolean;
  errors?: string[];
  destructive?: boolean;
  destructiveReasons?: string[];
  diff?: string;
  uri?: string;
  edit?: Edit;
  error?: string;
}

export async function ask(
  text: string,
  history: { role: "user" | "assistant"; content: string }[],
  request: Request,
  dashboard?: Dashboard,
  conversationId?: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Answer> {
  if (dashboard) return askDashboard(text, request, dashboard, conversationId, fetchImpl);
  const r = (await request("schemaAssistant/design", { message: text, history })) as ServerProposal;
  if (r.error) throw new Error(r.error);
  const notes = [
    ...(r.assumptions ?? []).map((a) => `Assumed: ${a}`),
    ...(r.destructive ? [`Destructive, plan it as a migration: ${(r.destructiveReasons ?? []).join(" ")}`] : []),
    ...(r.valid === false ? (r.errors ?? []).map((e) => `Invalid: ${e}`) : []),
  ];
  return {
    reply: r.reply ?? "",
    questions: r.questions ?? [],
    notes,
    diff: r.diff,
    uri: r.uri,
    edit: r.destructive ? undefined : r.edit,
    source: "designer (local)",
  };
}

/** The chat endpoint of a dashboard URL; the token is only sent over https, or over http to this machine. */
export function chatEndpoint(dashboardUrl: string): string {
  let base: URL;
  try {
    base = new URL(dashboardUrl);
  } catch {
    throw new Error(`schemaAssistant.dashboardUrl "${dashboardUrl}" is not a URL.`);
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(base.hostname);
  if (base.protocol !== "https:" && !(base.protocol === "http:" && local)) {
    throw new Error(
      `schemaAssistant.dashboardUrl must use https (http only for localhost): the token would travel in clear to ${base.host}.`,
    );
  }
  return new URL("/api/schema/chat", base).toString();
}

async function askDashboard(
  text: string,
  request: Request,
  d: Dashboard,
  conversationId: string | undefined,
  fetchImpl: typeof fetch,
): Promise<Answer> {
  const url = chatEndpoint(d.url);
  const res = await fetchImpl(url, {
    method: "POST",
    headers: { "content-type": "application/json", "X-API-Key": d.token },
    body: JSON.stringify({ projectId: d.projectId, message: text, ...(conversationId ? { conversationId } : {}) }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    reply?: string;
    codeGenerated?: string;
    suggestions?: string[];
    followUpQuestions?: string[];
    conversationId?: string;
    error?: { code?: string; message?: string };
  };
  if (!res.ok)
    throw new Error(
      `The dashboard answered ${res.status}${body.error ? ` ${body.error.code}: ${body.error.message}` : ""}.`,
    );
  const answer: Answer = {
    reply: body.reply ?? "",
    questions: body.followUpQuestions ?? [],
    notes: body.suggestions ?? [],
    source: `dashboard ${d.url}`,
    conversationId: body.conversationId,
  };
  if (body.codeGenerated) {
    const p = (await request("schemaAssistant/proposeSource", { source: body.codeGenerated })) as ServerProposal;
    if (p.error) answer.notes.push(p.error);
    else Object.assign(answer, { diff: p.diff, uri: p.uri, edit: p.edit });
  }
  return answer;
}
