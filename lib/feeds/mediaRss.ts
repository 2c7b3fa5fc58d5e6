import { xmlAttribute } from './feedGuards.js';

/** Media RSS (https://www.rssboard.org/media-rss): the namespace of `media:content` and `media:thumbnail`. */
export const MEDIA_RSS_NS = 'http://search.yahoo.com/mrss/';

/**
 * Media RSS §media:content ("url should specify the direct URL to the media object"; `medium` "image") and
 * §media:thumbnail ("url specifies the url of the thumbnail"): the entry's image as both, so thumbnail views and
 * feed-to-email tools show it. Elements of the `media` prefix, which the feed's root must declare (declareNamespace).
 */
export function mediaImageMarkup(image: string): string {
  const url = xmlAttribute(image);
  return `<media:content url="${url}" medium="image"/><media:thumbnail url="${url}"/>`;
}
