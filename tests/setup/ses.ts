import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT: the SES v2 emulator (aws-ses-v2-local) for sending, read back at /store. */
    sesEndpoint: string;
  }
}

interface Contact {
  EmailAddress: string;
  TopicPreferences: { TopicName: string; SubscriptionStatus: 'OPT_IN' | 'OPT_OUT' }[];
  UnsubscribeAll: boolean;
}
interface ContactList {
  topics: Map<string, 'OPT_IN' | 'OPT_OUT'>;
  contacts: Contact[];
}

/**
 * aws-ses-v2-local (the real emulator, CommonJS, bound to 127.0.0.1) sends mail but has no contact lists.
 * In front of it, this server answers the contact-list calls the digest and the feedback function need,
 * CreateContactList, GetContactList, CreateContact, DeleteContactList, ListContacts (with its OPT_IN topic filter and paging),
 * GetContact and UpdateContact (a missing contact or list a NotFoundException; only the fields given change), as
 * SES v2 documents them, and passes every other request through to the emulator unchanged. The emulator's /store
 * drops a SendEmail's ListManagementOptions; GET /front/list-management answers, for each SendEmail passed on,
 * its recipients and ListManagementOptions (null without), so that a test can see whether SES would manage the
 * message's unsubscribes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mod = (await import('aws-ses-v2-local')) as unknown as { default?: (config: { host: string; port: number }) => Promise<Server> };
  const start = (mod.default ?? mod) as unknown as (config: { host: string; port: number }) => Promise<Server>;
  const emulator = await start({ host: '127.0.0.1', port: 0 });
  const emulatorPort = (emulator.address() as AddressInfo).port;

  const lists = new Map<string, ContactList>();
  const listManagement: { to: string[]; options: unknown }[] = [];
  const front = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/v2/email/outbound-emails') return sendEmail(req, res);
    if (req.method === 'GET' && url.pathname === '/front/list-management') return send(res, 200, listManagement);
    const contactMatch = /^\/v2\/email\/contact-lists\/([^/]+)\/contacts\/(?!list$)([^/]+)$/.exec(url.pathname);
    if (contactMatch) return contact(req, res, decodeURIComponent(contactMatch[1]!), decodeURIComponent(contactMatch[2]!));
    const listMatch = /^\/v2\/email\/contact-lists(?:\/([^/]+))?(\/contacts(\/list)?)?$/.exec(url.pathname);
    if (!listMatch) return proxy(req, res);
    const body = await readJson(req);
    const name = listMatch[1] ? decodeURIComponent(listMatch[1]) : undefined;
    if (!name && req.method === 'POST') {
      const topics = new Map<string, 'OPT_IN' | 'OPT_OUT'>();
      for (const topic of (body.Topics ?? []) as { TopicName: string; DefaultSubscriptionStatus: 'OPT_IN' | 'OPT_OUT' }[]) topics.set(topic.TopicName, topic.DefaultSubscriptionStatus);
      lists.set(body.ContactListName as string, { topics, contacts: [] });
      return send(res, 200, {});
    }
    const list = name ? lists.get(name) : undefined;
    if (!list) return send(res, 404, { message: `List ${name} does not exist.` }, 'NotFoundException');
    if (req.method === 'GET' && !listMatch[2]) {
      return send(res, 200, { ContactListName: name, Topics: [...list.topics].map(([TopicName, DefaultSubscriptionStatus]) => ({ TopicName, DisplayName: TopicName, DefaultSubscriptionStatus })) });
    }
    if (req.method === 'DELETE' && !listMatch[2]) {
      lists.delete(name!);
      return send(res, 200, {});
    }
    if (req.method === 'POST' && listMatch[2] && !listMatch[3]) {
      list.contacts.push({ EmailAddress: body.EmailAddress as string, TopicPreferences: (body.TopicPreferences ?? []) as Contact['TopicPreferences'], UnsubscribeAll: Boolean(body.UnsubscribeAll) });
      return send(res, 200, {});
    }
    if (req.method === 'POST' && listMatch[3]) {
      const filter = (body.Filter ?? {}) as { FilteredStatus?: string; TopicFilter?: { TopicName?: string; UseDefaultIfPreferenceUnavailable?: boolean } };
      const topic = filter.TopicFilter?.TopicName;
      const matching = list.contacts.filter((contact) => {
        if (!filter.FilteredStatus || !topic) return true;
        const own = contact.TopicPreferences.find((p) => p.TopicName === topic)?.SubscriptionStatus;
        const status = contact.UnsubscribeAll ? 'OPT_OUT' : (own ?? (filter.TopicFilter?.UseDefaultIfPreferenceUnavailable ? list.topics.get(topic) : undefined));
        return status === filter.FilteredStatus;
      });
      const size = Number(body.PageSize ?? 100);
      const from = Number(body.NextToken ?? 0);
      const page = matching.slice(from, from + size);
      return send(res, 200, { Contacts: page.map((c) => ({ EmailAddress: c.EmailAddress, TopicPreferences: c.TopicPreferences, UnsubscribeAll: c.UnsubscribeAll })), ...(from + size < matching.length ? { NextToken: String(from + size) } : {}) });
    }
    return send(res, 404, { message: 'unsupported' });
  }
  /** GetContact and UpdateContact of one contact of a list. */
  async function contact(req: IncomingMessage, res: ServerResponse, name: string, address: string): Promise<void> {
    const body = await readJson(req);
    const list = lists.get(name);
    if (!list) return send(res, 404, { message: `List ${name} does not exist.` }, 'NotFoundException');
    const found = list.contacts.find((c) => c.EmailAddress === address);
    if (!found) return send(res, 404, { message: `Contact ${address} does not exist in list ${name}.` }, 'NotFoundException');
    if (req.method === 'GET') return send(res, 200, { ContactListName: name, ...found });
    if (req.method !== 'PUT') return send(res, 404, { message: 'unsupported' });
    if (body.UnsubscribeAll !== undefined) found.UnsubscribeAll = Boolean(body.UnsubscribeAll);
    for (const preference of (body.TopicPreferences ?? []) as Contact['TopicPreferences']) {
      found.TopicPreferences = [...found.TopicPreferences.filter((p) => p.TopicName !== preference.TopicName), preference];
    }
    return send(res, 200, {});
  }
  /** SendEmail, refused as SES refuses a MessageHeader value that is not printable ASCII or longer than 870 characters, or an address that is not 7-bit ASCII (its API reference), else passed on. */
  async function sendEmail(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = JSON.parse(raw.toString('utf8')) as { FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; Content?: { Simple?: { Headers?: { Name: string; Value: string }[] } }; ListManagementOptions?: unknown };
    const bad = (body.Content?.Simple?.Headers ?? []).find((header) => !/^[ -~]*$/.test(header.Value) || header.Value.length > 870);
    if (bad) return send(res, 400, { message: `1 validation error detected: Value at 'content.simple.headers.${bad.Name}.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [ -~]*` }, 'BadRequestException');
    // SES: "the email address string must be 7-bit ASCII", a display name in encoded words (its Destination reference).
    const address = [body.FromEmailAddress ?? '', ...(body.Destination?.ToAddresses ?? [])].find((text) => !/^[ -~]*$/.test(text));
    if (address !== undefined) return send(res, 400, { message: `Illegal address: ${JSON.stringify(address)} is not 7-bit ASCII` }, 'BadRequestException');
    listManagement.push({ to: body.Destination?.ToAddresses ?? [], options: body.ListManagementOptions ?? null });
    const upstream = request({ host: '127.0.0.1', port: emulatorPort, method: req.method, path: req.url, headers: { ...req.headers, 'content-length': String(raw.length) } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => send(res, 502, { message: error.message }));
    upstream.end(raw);
  }
  function proxy(req: IncomingMessage, res: ServerResponse): void {
    const upstream = request({ host: '127.0.0.1', port: emulatorPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => send(res, 502, { message: error.message }));
    req.pipe(upstream);
  }
  front.listen(0, '127.0.0.1');
  await once(front, 'listening');
  project.provide('sesEndpoint', `http://127.0.0.1:${(front.address() as AddressInfo).port}`);
  return async () => {
    await new Promise((resolve) => front.close(resolve));
    await new Promise((resolve) => emulator.close(resolve));
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown, type?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) });
  res.end(JSON.stringify(body));
}
