import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const server = await buildApp(t.ctx, { serveWeb: false, timeouts: { headersMs: 500, requestMs: 1_500 } });
afterAll(async () => server.close());
await server.listen({ port: 0, host: "127.0.0.1" });
const port = (server.server.address() as net.AddressInfo).port;

/** Writes `chunks` one by one with a pause between them; resolves with what the server said when it hung up. */
function trickle(chunks: string[], pauseMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    let index = 0;
    const timer = setInterval(() => {
      if (index < chunks.length && !socket.destroyed) socket.write(chunks[index++]!);
    }, pauseMs);
    socket.on("data", (data) => (answer += data.toString()));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe("slow clients", () => {
  it("drops a client that sends its headers too slowly (slowloris)", async () => {
    const headerBytes = [..."GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"];
    const { answer, closedAfterMs } = await trickle(headerBytes, 100);
    expect(closedAfterMs).toBeLessThan(5_000);
    expect(answer === "" || answer.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("drops a client whose body stalls, and still serves everyone else", async () => {
    const head =
      "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
    const { answer, closedAfterMs } = await trickle([head, '{"email":'], 100);
    expect(closedAfterMs).toBeLessThan(6_000);
    expect(answer === "" || answer.startsWith("HTTP/1.1 408")).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  });

  it("keeps an idle connection open longer than a proxy's 60 s idle timeout, and says so", async () => {
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.headers.get("keep-alive")).toBe("timeout=72");
  });
});
