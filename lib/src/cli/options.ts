/** Where a command writes: `stdout` or `stderr`. */
export interface Out {
  write(text: string): unknown;
}

/** The global flags every command honors. */
export interface GlobalFlags {
  workspace: string;
  json: boolean;
}
