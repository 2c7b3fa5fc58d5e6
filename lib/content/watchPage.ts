/**
 * A known video player's embed address, and its watch page: the page a reader can open, where the embed address
 * shows a bare player (or, for youtube-nocookie.com, nothing outside a frame). A YouTube video id is 11 characters of
 * [A-Za-z0-9_-] (`videoseries`, a playlist's, is none); its embed's `start` (in seconds) is the watch page's `t`. A
 * Vimeo id is a number; an unlisted video's `h` (its hash) is a part of the watch page's path, without which the page
 * is not found.
 */
const PLAYERS: readonly { hosts: readonly string[]; path: RegExp; page: (id: string, query: URLSearchParams) => string }[] = [
  {
    hosts: ['www.youtube.com', 'youtube.com', 'm.youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com'],
    path: /^\/embed\/(?!videoseries\b)([A-Za-z0-9_-]{11})\/?$/,
    page: (id, query) => {
      const start = query.get('start');
      return `https://www.youtube.com/watch?v=${id}${start !== null && /^\d+$/.test(start) ? `&t=${start}` : ''}`;
    },
  },
  {
    hosts: ['player.vimeo.com'],
    path: /^\/video\/(\d+)\/?$/,
    page: (id, query) => {
      const hash = query.get('h');
      return `https://vimeo.com/${id}${hash !== null && /^[0-9a-f]+$/i.test(hash) ? `/${hash}` : ''}`;
    },
  },
];

/**
 * The watch page of a known player's embed address (PLAYERS: YouTube's `youtube.com/embed/ID` and
 * `youtube-nocookie.com/embed/ID`, Vimeo's `player.vimeo.com/video/ID`): `https://www.youtube.com/watch?v=ID`, with
 * `&t=` its start, or `https://vimeo.com/ID`. Undefined for any other address (a playlist's, a live stream's, another
 * player's): the embed address is linked as it is.
 */
export function watchPage(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  for (const player of PLAYERS) {
    const id = player.hosts.includes(host) ? player.path.exec(url.pathname)?.[1] : undefined;
    if (id !== undefined) return player.page(id, url.searchParams);
  }
  return undefined;
}
