/** Bundles server/src (main.ts and every *.worker.ts) into outdir (default server/dist). */
export declare function buildServer(outdir?: string): Promise<void>;
