export declare const CHUNK_HOOK: string;
export declare function chunkScript(text: string): string | undefined;
