import { defaultTreeAdapter, html as parse5Html, parseFragment, type DefaultTreeAdapterMap } from 'parse5';

/**
 * An entry body's HTML as a browser builds it (WHATWG HTML §13.2, parse5), in a div's place, where a page puts it:
 * the one tree the sanitiser's input, the repair, the hidden-content warning and the summary are read from, so that
 * none of them ends an element where a browser does not (a `</div>` inside a table ends nothing).
 */
export function parseBodyHtml(html: string, locations = false): DefaultTreeAdapterMap['documentFragment'] {
  return parseFragment(defaultTreeAdapter.createElement('div', parse5Html.NS.HTML, []), html, { sourceCodeLocationInfo: locations });
}
