import { describe, expect, it } from 'vitest';
import { triggerUrl } from '../../../cli/triggerClient.js';
import { UsageError } from '../../../lib/shared/errors.js';

describe('triggerUrl: the bearer token only over https, or to the loopback', () => {
  it('takes an https URL, and http to 127.0.0.1, localhost or [::1]', () => {
    expect(triggerUrl('https://abcdefghij.lambda-url.eu-west-1.on.aws/').host).toBe('abcdefghij.lambda-url.eu-west-1.on.aws');
    for (const url of ['http://127.0.0.1:4000/', 'http://localhost:4000', 'http://[::1]:4000/']) expect(triggerUrl(url).protocol).toBe('http:');
  });

  it('refuses http to any other host, naming the clear-text token', () => {
    for (const url of ['http://abcdefghij.lambda-url.eu-west-1.on.aws/', 'http://127.0.0.1.evil.example/', 'http://10.0.0.5:8080/']) {
      expect(() => triggerUrl(url), url).toThrow(UsageError);
      expect(() => triggerUrl(url), url).toThrow(`trigger: ${JSON.stringify(url)} is http, which would send the bearer token in clear text (http only for 127.0.0.1, localhost or [::1]): use the trigger's https Function URL (osls info)`);
    }
  });

  it('refuses what is no http(s) URL', () => {
    for (const url of ['ftp://example.org/', 'abcdefghij.lambda-url.eu-west-1.on.aws', '']) expect(() => triggerUrl(url), url).toThrow(`trigger: ${JSON.stringify(url)} is not an https URL`);
  });
});
