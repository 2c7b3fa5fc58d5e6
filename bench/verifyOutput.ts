import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SaxesParser } from 'saxes';

export interface OutputCheck {
  files: number;
  xmlFiles: number;
  jsonFiles: number;
  /** Files that failed to parse, with the reason; empty when all is well. */
  errors: string[];
}

/**
 * The bench's check that the output it timed is real: every .xml/.xsl/.opml file is well-formed XML and every
 * .json file parses (a JSON feed must name version 1.1). The full feed rules are the test suite's job.
 */
export function verifyOutput(dir: string): OutputCheck {
  const check: OutputCheck = { files: 0, xmlFiles: 0, jsonFiles: 0, errors: [] };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path);
    if (key.startsWith('_broadsheet')) continue;
    check.files++;
    const text = readFileSync(path, 'utf8');
    if (/\.(xml|xsl|opml)$/.test(key)) {
      check.xmlFiles++;
      try {
        const parser = new SaxesParser({ xmlns: false });
        parser.on('error', (error) => {
          throw error;
        });
        parser.write(text).close();
      } catch (error) {
        check.errors.push(`${key}: ${(error as Error).message}`);
      }
    } else if (key.endsWith('.json')) {
      check.jsonFiles++;
      try {
        const data = JSON.parse(text) as { version?: string };
        if (key.endsWith('feed.json') && data.version !== 'https://jsonfeed.org/version/1.1') check.errors.push(`${key}: not JSON Feed 1.1`);
      } catch (error) {
        check.errors.push(`${key}: ${(error as Error).message}`);
      }
    }
  }
  return check;
}
