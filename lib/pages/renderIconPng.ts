import { crc32, deflateSync } from 'node:zlib';

// A 5×7 bitmap font for the initials: each glyph is seven rows of five pixels, `#` lit.
const GLYPHS: Record<string, string> = {
  A: '.###.#...##...#######...##...##...#', B: '####.#...##...#####.#...##...#####.', C: '.###.#...##....#....#....#...#.###.',
  D: '####.#...##...##...##...##...#####.', E: '######....#....####.#....#....#####', F: '######....#....####.#....#....#....',
  G: '.###.#...##....#.####...##...#.###.', H: '#...##...##...#######...##...##...#', I: '.###...#....#....#....#....#...###.',
  J: '..###...#....#....#....##..#..##...', K: '#...##..#.#.#..##...#.#..#..#.#...#', L: '#....#....#....#....#....#....#####',
  M: '#...###.###.#.##.#.##...##...##...#', N: '#...###..##.#.##..###...##...##...#', O: '.###.#...##...##...##...##...#.###.',
  P: '####.#...##...#####.#....#....#....', Q: '.###.#...##...##...##.#.##..#..##.#', R: '####.#...##...#####.#.#..#..#.#...#',
  S: '.####.....#.....###.....#....#####.', T: '#####..#....#....#....#....#....#..', U: '#...##...##...##...##...##...#.###.',
  V: '#...##...##...##...##...#.#.#...#..', W: '#...##...##...##.#.##.#.##.#..#.#..', X: '#...##...#.#.#...#...#.#.#...##...#',
  Y: '#...##...#.#.#...#....#....#....#..', Z: '#####....#...#...#...#...#....#####',
  '0': '.###.#...##..###.#.###..##...#.###.', '1': '..#...##....#....#....#....#...###.', '2': '.###.#...#....#...#...#...#...#####',
  '3': '#####...#...#.....#.....##...#.###.', '4': '...#...##..#.#.#..#.#####...#....#.', '5': '######....####.....#....##...#.###.',
  '6': '..##..#...#....####.#...##...#.###.', '7': '#####....#...#...#...#....#....#...', '8': '.###.#...##...#.###.#...##...#.###.',
  '9': '.###.#...##...#.####....#...#..##..',
};

const SIZE = 256;
const SCALE = 20;
const GAP = 20;

/** The site's initials, as drawn: up to two of A–Z and 0–9. */
export function initialsOf(title: string, fallback: string): string {
  const letters = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .split(/[^A-Z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]!);
  const initials = letters(title).slice(0, 2).join('') || letters(fallback).slice(0, 2).join('');
  return initials || 'B';
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A square PNG (RSS 2.0 <image> takes GIF, JPEG or PNG only) of the initials in white on `background` (`#rrggbb`):
 * PNG (ISO/IEC 15948) with one IHDR, 8-bit RGB, one IDAT, IEND. The same text gives the same bytes.
 */
export function renderIconPng(initials: string, background: string): Buffer {
  const bg = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
  const glyphs = [...initials].map((char) => GLYPHS[char]).filter((glyph): glyph is string => glyph !== undefined);
  const width = glyphs.length * 5 * SCALE + Math.max(0, glyphs.length - 1) * GAP;
  const left = Math.floor((SIZE - width) / 2);
  const top = Math.floor((SIZE - 7 * SCALE) / 2);
  // Each row: filter type 0 (none), then RGB per pixel. The rows of one band of the glyphs (or of none) are alike:
  // each is drawn once and copied, as a pixel loop run once per publish runs cold.
  const stride = 1 + SIZE * 3;
  const raw = Buffer.alloc(SIZE * stride);
  const band = (y: number) => {
    const gy = Math.floor((y - top) / SCALE);
    return gy >= 0 && gy < 7 ? gy : -1;
  };
  for (let y = 0; y < SIZE; y++) {
    const row = y * stride;
    if (y > 0 && band(y) === band(y - 1)) {
      raw.copy(raw, row, row - stride, row);
      continue;
    }
    const gy = band(y);
    for (let x = 0; x < SIZE; x++) {
      const gx = x - left;
      let lit = false;
      if (gx >= 0 && gx < width && gy >= 0) {
        const index = Math.floor(gx / (5 * SCALE + GAP));
        const within = gx - index * (5 * SCALE + GAP);
        if (within < 5 * SCALE) lit = glyphs[index]![gy * 5 + Math.floor(within / SCALE)] === '#';
      }
      const at = row + 1 + x * 3;
      raw[at] = lit ? 255 : bg[0]!;
      raw[at + 1] = lit ? 255 : bg[1]!;
      raw[at + 2] = lit ? 255 : bg[2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
