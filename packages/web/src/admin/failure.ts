/** A refusal as the server words it (the SDK's NatterError carries the server's message). */
export const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));
