import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTooLarge } from "./http-api";

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((_req, res) => sendTooLarge(res, 10));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("a refused upload (413) closes gracefully", () => {
  it("half-closes after the answer, so a client still sending reads the 413 instead of a reset", async () => {
    const outcome = await new Promise<{ status: string; error?: string }>((resolve) => {
      const s = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true }, () => {
        s.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        s.write("4\r\nabcd\r\n");
      });
      let got = "";
      let error: string | undefined;
      s.on("data", (d) => (got += d));
      s.on("error", (e) => (error = e.message));
      // The server ended its side: keep writing, as an uploading client does, then end.
      s.on("end", () => {
        s.write(`${"1000"}\r\n${"a".repeat(4096)}\r\n`);
        s.end("0\r\n\r\n");
      });
      s.on("close", () => resolve({ status: got.split("\r\n")[0], error }));
    });
    expect(outcome.status).toBe("HTTP/1.1 413 Payload Too Large");
    expect(outcome.error).toBeUndefined();
  });
});
