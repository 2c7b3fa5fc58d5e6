import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

/**
 * How one POST ended: `answered` with the status (and Location, for a redirect); `unreached` when the connection
 * (TCP, and TLS for https) was never made, so no byte of the request left; `unanswered` when it was made and no
 * answer came (timed out, or reset or closed), so the server may have read the whole request.
 */
export type PostOutcome =
  | { kind: 'answered'; status: number; location?: string }
  | { kind: 'unreached'; why: string }
  | { kind: 'unanswered'; why: string };

/** OpenSSL's and Node's certificate check failures (node:tls). */
const certificateError = (code: string) => /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);

/**
 * POSTs an application/x-www-form-urlencoded body, watching the connection itself (fetch cannot tell a connection
 * never made from an answer never sent once its signal aborts). Never follows a redirect; never throws. An abort of
 * `signal` ends it at once, as unreached or unanswered by the same rule.
 */
export function postForm(url: string, body: string, limitMs: number, signal?: AbortSignal): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    let tcp = false;
    let connected = false;
    let request: ClientRequest;
    let settled = false;
    const cut = (why: string): PostOutcome => (connected ? { kind: 'unanswered', why: `${why} after the request went out` } : { kind: 'unreached', why: `${why} before ${tcp ? 'the TLS handshake ended' : 'the connection was made'}` });
    const interrupted = () => settle(cut('interrupted'));
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', interrupted);
      request.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle(connected ? { kind: 'unanswered', why: `no answer within ${limitMs} ms` } : { kind: 'unreached', why: `${tcp ? 'the TLS handshake did not end' : 'no connection was made'} within ${limitMs} ms` }), limitMs);
    try {
      // A socket of its own (agent: false): one kept alive from an earlier ping would not show its connecting.
      request = (secure ? httpsRequest : httpRequest)(target, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } });
    } catch (error) {
      clearTimeout(timer);
      resolve({ kind: 'unreached', why: (error as Error).message });
      return;
    }
    request.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        tcp = true;
        if (!secure) connected = true;
      });
      if (secure) socket.once('secureConnect', () => (connected = true));
    });
    request.on('response', (response) => {
      const location = response.headers.location;
      settle({ kind: 'answered', status: response.statusCode ?? 0, ...(location ? { location } : {}) });
    });
    request.on('error', (error: Error & { code?: string }) => {
      if (connected) return settle({ kind: 'unanswered', why: error.message });
      const code = error.code ?? '';
      settle({ kind: 'unreached', why: tcp && certificateError(code) ? `its TLS certificate was not accepted (${code}: ${error.message})` : error.message });
    });
    if (signal?.aborted) return interrupted();
    signal?.addEventListener('abort', interrupted, { once: true });
    request.end(body);
  });
}
