import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../cli/isLoopbackHost.js';

describe('isLoopbackHost', () => {
  it('takes the loopback names, with or without a port, in any case', () => {
    for (const host of ['127.0.0.1', '127.0.0.1:8080', 'localhost', 'LocalHost:8080', '[::1]', '[::1]:8080']) expect(isLoopbackHost(host), host).toBe(true);
  });

  it('refuses any other name: a rebound DNS name, a name that only starts or ends like loopback, an empty Host', () => {
    for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.nip.io:8080', 'localhost.evil.example', 'evil.localhost', '127.0.0.2:8080', '127.0.0.1@evil.example', '127.0.0.1:8080 evil', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('lets a request without Host through (HTTP/1.0: no browser sends one)', () => {
    expect(isLoopbackHost(undefined)).toBe(true);
  });
});
