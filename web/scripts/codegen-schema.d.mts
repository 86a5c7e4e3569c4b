export declare const API_SCHEMA: string;
export declare const CONTRACT: string;
export declare function mergedSchema(): { sdl: string; pending: string[] };
