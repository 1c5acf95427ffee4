export declare const BUILD_INPUTS: string[];
export declare const BUILD_OUTPUTS: string[];
export declare const STAMP_FILE: string;
export declare function sourceFingerprint(root: string): string;
export declare function buildReason(root: string): string | null;
export declare function writeStamp(root: string, fingerprint?: string): void;
