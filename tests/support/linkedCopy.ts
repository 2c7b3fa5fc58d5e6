import { spawn } from 'node:child_process';

/**
 * Fills `to` with hard links to the files under `from`: each keeps the size, mtime and inode a manifest records, so a
 * publish's drift check takes the copy for the output it published. A publish never writes a file in place
 * (LocalStore renames a new file over it, or unlinks it), so what one run does to a copy leaves `from` and the other
 * copies as they were; a test must not write into a copy's files itself.
 */
export function linkedCopy(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('cp', ['-al', `${from}/.`, to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`cp -al ${from} ${to}: ${stderr || `exit ${code}`}`))));
  });
}
