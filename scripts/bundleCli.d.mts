export function bundleCli(root: string): Promise<void>;
