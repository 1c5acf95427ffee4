import type { Metafile } from "esbuild";

/** Bundles server/src (main.ts and every *.worker.ts) into outdir (default server/dist); returns esbuild's metafile. */
export declare function buildServer(outdir?: string): Promise<Metafile>;
