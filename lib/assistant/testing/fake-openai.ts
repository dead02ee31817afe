/**
 * A local fake of the OpenAI chat completions endpoint for tests (Node only, never imported by lib code).
 * Replies are scripted in order; each request body is recorded so tests can check what the client sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeReply {
  /** Text streamed before the tool call, split into `chunks` pieces. */
  content?: string;
  /** Tool call arguments: an object (sent as JSON) or a raw string (to send broken JSON). */
  toolArgs?: unknown;
  toolName?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Wait this long before answering (to test timeouts). */
  delayMs?: number;
  /** Answer with this HTTP error status instead. */
  status?: number;
  /** How many pieces to split content and arguments into. @default 3 */
  chunks?: number;
}

export interface FakeOpenAI {
  /** Base URL to give the SDK, ending in "/v1". */
  baseURL: string;
  /** Parsed request bodies, in order. */
  requests: Array<Record<string, unknown>>;
  /** Replies not yet used. */
  replies: FakeReply[];
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 (a free port). Call `close()` in afterAll. */
export async function startFakeOpenAI(replies: FakeReply[] = []): Promise<FakeOpenAI> {
  const state: FakeOpenAI = { baseURL: "", requests: [], replies: [...replies], close: async () => undefined };
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    void handle(req, res, state, timers);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.baseURL = `http://127.0.0.1:${port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: FakeOpenAI,
  timers: Set<NodeJS.Timeout>,
): Promise<void> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
    res
      .writeHead(404, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: `No route ${req.method} ${req.url}` } }));
    return;
  }
  const body = JSON.parse(raw) as Record<string, unknown>;
  state.requests.push(body);
  const reply = state.replies.shift() ?? { content: "No scripted reply left." };
  if (reply.delayMs) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, reply.delayMs);
      timers.add(t);
      res.on("close", () => resolve());
    });
    if (res.destroyed) return;
  }
  if (reply.status) {
    res
      .writeHead(reply.status, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: `Scripted failure ${reply.status}`, type: "server_error" } }));
    return;
  }
  const args =
    reply.toolArgs === undefined
      ? undefined
      : typeof reply.toolArgs === "string"
        ? reply.toolArgs
        : JSON.stringify(reply.toolArgs);
  const usage = reply.usage && {
    ...reply.usage,
    total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens,
  };
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(reply, args, usage)));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (obj: unknown): void => {
    res.write(`data: ${JSON.stringify(obj)}\n\n`);
  };
  const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model: String(body.model) };
  for (const piece of split(reply.content ?? "", reply.chunks ?? 3))
    send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  if (args !== undefined) {
    split(args, reply.chunks ?? 3).forEach((piece, k) => {
      const call =
        k === 0
          ? {
              index: 0,
              id: "call_1",
              type: "function",
              function: { name: reply.toolName ?? "propose_schema_changes", arguments: piece },
            }
          : { index: 0, function: { arguments: piece } };
      send({ ...base, choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }] });
    });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: args !== undefined ? "tool_calls" : "stop" }] });
  const opts = body.stream_options as { include_usage?: boolean } | undefined;
  if (usage && opts?.include_usage) send({ ...base, choices: [], usage });
  res.end("data: [DONE]\n\n");
}

function completion(reply: FakeReply, args: string | undefined, usage: unknown): unknown {
  const message = {
    role: "assistant",
    content: reply.content ?? null,
    ...(args !== undefined
      ? {
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: reply.toolName ?? "propose_schema_changes", arguments: args },
            },
          ],
        }
      : {}),
  };
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 0,
    model: "fake",
    choices: [{ index: 0, message, finish_reason: args ? "tool_calls" : "stop" }],
    usage,
  };
}

function split(text: string, n: number): string[] {
  if (!text) return [];
  const size = Math.max(1, Math.ceil(text.length / n));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
