// The Node.js flags the production server runs with (`npm start`, the browser suite, the benchmarks; ops/docket.service
// spells out the same). Each is measured in README "Performance" → Memory.
//
// --max-semi-space-size=2: V8 grows its young generation to 2 × 16 MB during start-up (migrations, compiling the
// modules) and keeps it while idle; capped at 2 × 2 MB, an idle server holds ~115 MB instead of ~137 MB. The price is
// more young-generation collections under load: ~1,160 instead of ~140 per 30,000 list requests, ~25 µs more GC per
// request. NODE_OPTIONS=--max-semi-space-size=16 gives a bulk import the default back.
//
// No --enable-source-maps: parsing the maps of every module at start costs 3–5 MB, and the bundle is not minified, so a
// stack trace still names the function and a line of server/dist. NODE_OPTIONS=--enable-source-maps turns them on.
const semiSpaceSet = /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "");

export const serverNodeFlags = semiSpaceSet ? [] : ["--max-semi-space-size=2"];
