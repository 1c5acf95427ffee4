/**
 * Where a worker thread's entry is. In production the server runs from server/dist, where `npm run build` emits
 * every `*.worker.ts` as `<name>.js` beside main.js. In development (tsx, Vitest) the caller is a .ts file, and the
 * thread starts from the `<name>.mjs` shim beside the source, which registers tsx (threads do not inherit a loader).
 *
 *   new Worker(threadEntry(import.meta.url, "text-extraction.worker"))
 */
export function threadEntry(callerUrl: string, name: string): URL {
  return new URL(isCompiled(callerUrl) ? `./${name}.js` : `./${name}.mjs`, callerUrl);
}

export function isCompiled(moduleUrl: string): boolean {
  return !/\.[cm]?ts$/.test(new URL(moduleUrl).pathname);
}
