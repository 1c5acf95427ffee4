import { parentPort } from "node:worker_threads";
import { runThisThreadInBackground } from "../../lib/background-priority.js";
import { extractText } from "./text-extraction.js";

interface Request {
  id: number;
  bytes: Uint8Array;
  mimeType: string;
}

runThisThreadInBackground();

parentPort?.on("message", (request: Request) => {
  extractText(request.bytes, request.mimeType).then(
    (text) => parentPort?.postMessage({ id: request.id, text }),
    (error: unknown) =>
      parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
