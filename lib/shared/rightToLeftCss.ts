/**
 * What a page's style adds on a right-to-left page (`dir="rtl"` on <html>). Its hidden text (the skip link, the
 * signup form's honeypot) waits off screen on the right: a box beyond the left edge of a right-to-left page widens
 * what it scrolls over (CSS Overflow 3, "scrollable overflow", is on the end side), so the page would scroll
 * sideways by 999rem. A focused skip link shows at the top right.
 */
export const RIGHT_TO_LEFT_CSS = `.skip{left:auto;right:-999rem}
.skip:focus{left:auto;right:1rem}
.hp{left:auto;right:-10000px}`;
