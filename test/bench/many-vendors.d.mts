/** See many-vendors.mjs: writes a workspace of `n` vendors into `dir` and returns `dir`. */
export function manyVendorWorkspace(root: string, dir: string, n: number): string;
