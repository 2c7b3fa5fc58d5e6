import { describe, expect, it } from 'vitest';
import { parseSite } from '../../../lib/content/site.js';
import { guessableUnsubscribeWarning } from '../../../lib/delivery/guessableUnsubscribeWarning.js';

const site = (url: string, from = 'from: "Watch <digest@watch.example.org>"') =>
  parseSite(['title: Watch', 'description: News', 'url: https://watch.example.org/', 'language: en', 'timezone: Asia/Seoul', 'digest:', `  ${from}`, '  unsubscribe:', `    url: "${url}"`, '    mailto: unsubscribe@watch.example.org', ''].join('\n')).site!;

describe('a one-click unsubscribe URL anyone could fill in (RFC 8058 §3.1)', () => {
  it('warns of a URL naming its recipient by {email} alone, with the field and a {token} URL on the site', () => {
    expect(guessableUnsubscribeWarning(site('https://lists.watch.example.org/unsubscribe?email={email}'))).toEqual({
      file: 'site.yml',
      field: 'digest.unsubscribe.url',
      message: '"https://lists.watch.example.org/unsubscribe?email={email}" names the recipient by {email} alone: anyone who knows an address can unsubscribe it with one POST (RFC 8058 §3.1 asks for a one-click URI that cannot be guessed)',
      fix: 'put {token} in it, a link signed for each recipient, e.g. https://watch.example.org/unsubscribe?token={token}; sending then needs DIGEST_UNSUBSCRIBE_SECRET',
    });
  });

  it('says nothing of a URL with a {token}, with or without {email}, or of a site that sends no digest', () => {
    expect(guessableUnsubscribeWarning(site('https://watch.example.org/unsubscribe?token={token}'))).toBeUndefined();
    expect(guessableUnsubscribeWarning(site('https://lists.watch.example.org/u?email={email}&t={token}'))).toBeUndefined();
    expect(guessableUnsubscribeWarning(site('https://lists.watch.example.org/unsubscribe?email={email}', 'subject: "{title}"'))).toBeUndefined();
  });
});
