import helmet from "helmet";
import type { FastifyInstance } from "fastify";

const APP_CSP_DIRECTIVES = {
  "default-src": ["'self'"],
  // WebAssembly only (no JS eval): pdf.js decodes JPEG 2000, JBIG2 and ICC colour in the previews with wasm.
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  // Mantine writes inline style attributes; no inline scripts are allowed.
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "frame-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

const APP_CSP = Object.entries(APP_CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(" ")}`)
  .join("; ");

/** The same headers for a response written before any hook runs (a URL the router cannot decode). */
export const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "content-security-policy": APP_CSP,
} as const;

/**
 * Headers every response carries, by helmet (set when a request arrives, so errors, 404s and hijacked streams have them
 * too); routes that serve files tighten them with their own CSP and frame options. Registered before any other request
 * hook, so a request refused early still gets them. HSTS is left to the TLS-terminating proxy.
 *
 * helmet's middleware is built once here: @fastify/helmet builds it anew for every request (parsing the CSP
 * directives each time), which was ~6 % of the CPU of an authenticated document GET.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
    referrerPolicy: { policy: "same-origin" },
    frameguard: { action: "deny" },
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, () => done()));
  app.addHook("onSend", async (request, reply, payload) => {
    // Swagger UI runs inline scripts of its own; it is the one page without the app's CSP.
    if (request.url.startsWith("/api/docs")) reply.raw.removeHeader("content-security-policy");
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
}
