/** The feed readers a feed opened in a browser names as taking its address (feed.xsl's page and feed.css's). */
export const FEED_READER_NAMES = 'NetNewsWire, Feedly, Miniflux, Thunderbird and Inoreader';
