export function checkDist(root: string): void;
