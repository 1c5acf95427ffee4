import type { FastifyInstance } from "fastify";
import { AppError } from "../lib/errors.js";

/** Deeper JSON than any request of ours needs; far below what would exhaust the stack when it is serialised again. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The deepest nesting of objects and arrays in a JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** An escaped NUL ("\u0000") in a JSON text, not preceded by an escaped backslash. */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * Fastify's JSON parser (with its __proto__ and constructor.prototype checks), behind two more: the body must be
 * valid UTF-8 (instead of turning bad bytes silently into U+FFFD) and nested at most MAX_JSON_DEPTH deep
 * (a body of 100,000 nested arrays parses, but overflows the stack when stored with JSON.stringify), and carry no
 * NUL character, which PostgreSQL cannot store in text (SQLite can: refusing it everywhere keeps the two alike).
 */
export function registerInputGuards(app: FastifyInstance): void {
  // The same for NUL in the path or query ("%00"): it would reach the database as a parameter.
  app.addHook("onRequest", async (request) => {
    if (/%00/.test(request.url)) throw new AppError("bad_request", "NUL characters are not allowed in the URL");
  });

  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError("bad_request", "The body is not valid UTF-8"), undefined);
      return;
    }
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      done(new AppError("bad_request", `JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    if (ESCAPED_NUL.test(text)) {
      done(new AppError("bad_request", "NUL characters are not allowed"), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
