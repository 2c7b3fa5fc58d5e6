// Vimeo's time: hours, minutes and seconds, each optional (`1h2m3s`, `1m2s`, `62s`), or seconds alone (`62`).
const VIMEO_TIME = /^(?=\d)(?:\d+h)?(?:\d+m)?(?:\d+s?)?$/;

/**
 * A known video player's embed address, and its watch page: the page a reader can open, where the embed address
 * shows a bare player (or, for youtube-nocookie.com, nothing outside a frame). A YouTube video id is 11 characters of
 * [A-Za-z0-9_-] (`videoseries`, a playlist's, is none); its embed's `start` (in seconds) is the watch page's `t`. A
 * Vimeo id is a number; an unlisted video's `h` (its hash) is a part of the watch page's path, without which the page
 * is not found; the player's start time, its fragment's `t` (`#t=1m2s`, `#t=62s`, `#t=62`), is the watch page's in
 * the same form.
 */
const PLAYERS: readonly { hosts: readonly string[]; path: RegExp; page: (id: string, url: URL) => string }[] = [
  {
    hosts: ['www.youtube.com', 'youtube.com', 'm.youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com'],
    path: /^\/embed\/(?!videoseries\b)([A-Za-z0-9_-]{11})\/?$/,
    page: (id, url) => {
      const start = url.searchParams.get('start');
      return `https://www.youtube.com/watch?v=${id}${start !== null && /^\d+$/.test(start) ? `&t=${start}` : ''}`;
    },
  },
  {
    hosts: ['player.vimeo.com'],
    path: /^\/video\/(\d+)\/?$/,
    page: (id, url) => {
      const hash = url.searchParams.get('h');
      const start = new URLSearchParams(url.hash.slice(1)).get('t');
      return `https://vimeo.com/${id}${hash !== null && /^[0-9a-f]+$/i.test(hash) ? `/${hash}` : ''}${start !== null && VIMEO_TIME.test(start) ? `#t=${start}` : ''}`;
    },
  },
];

/**
 * The watch page of a known player's embed address (PLAYERS: YouTube's `youtube.com/embed/ID` and
 * `youtube-nocookie.com/embed/ID`, Vimeo's `player.vimeo.com/video/ID`): `https://www.youtube.com/watch?v=ID`, with
 * `&t=` its start, or `https://vimeo.com/ID`, with `#t=` its start. Undefined for any other address (a playlist's, a
 * live stream's, another player's): the embed address is linked as it is.
 */
export function watchPage(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  for (const player of PLAYERS) {
    const id = player.hosts.includes(host) ? player.path.exec(url.pathname)?.[1] : undefined;
    if (id !== undefined) return player.page(id, url);
  }
  return undefined;
}
