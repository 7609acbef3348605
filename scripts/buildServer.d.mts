// Types of buildServer.mjs for the TypeScript that imports it (the benchmarks).
export declare const ROOT: string;
export declare function newestMtime(path: string): number;
export declare function bundleNode(entry: string, outdir: string, name: string, sources?: string[]): Promise<string>;
export declare function buildServer(): Promise<string>;
