import type { DateTime } from 'luxon';
import type { Site } from '../content/site.js';
import type { Tag } from '../content/entry.js';
import { parseMailbox } from '../shared/mailbox.js';
import { countOf } from '../shared/countOf.js';
import { siteListIdentifier } from '../shared/siteListIdentifier.js';
import { ConfigError, DeliveryError, SubscriberConflictError, TokenError } from '../shared/errors.js';
import { ClientRateLimit } from './clientRateLimit.js';
import { deliveryMailbox } from './deliveryMailbox.js';
import { mailboxSendLimit } from './mailboxSendLimit.js';
import type { InboxSendLimit } from './inboxSendLimit.js';
import type { SignupCap } from './signupCap.js';
import type { ClientSignupLimit } from './clientSignupLimit.js';
import { NETWORK_LIMIT, NETWORK_WINDOW_MS } from './networkLimitFor.js';
import type { WindowAnswer } from './storeSlidingWindow.js';
import { buildConfirmationMessage } from './confirmationMessage.js';
import { digestInWords } from './digestInWords.js';
import { FORM_TYPE, notAForm } from './notAForm.js';
import { sitePath } from './sitePath.js';
import { renderSubscriptionPage, type SubscriptionPage } from './renderSubscriptionPage.js';
import { newSubscriber, subscriberId, withoutSignup, type Subscriber } from './subscriber.js';
import { unsubscribedRecord } from './unsubscribedRecord.js';
import { shownAddress } from './shownAddress.js';
import { topicNames } from './topicNames.js';
import { topicsInWords } from './topicsInWords.js';
import { addressName, siteName, typedText } from './typedText.js';
import { confirmationFrom } from './confirmationFrom.js';
import type { SubscriberStore, VersionedSubscriber } from './subscriberStore.js';
import { CONFIRM_TOKEN_SECONDS, confirmTokenExpiry, linkDamaged, signToken, tokenFits, verifyToken, type TokenClaims, type TokenPurpose } from './subscriberToken.js';

/**
 * The paths the handler answers, at the root of the site's own origin whatever path the site's url has (a deployment
 * routes these root paths alone): every form and link of the flow names them so (subscribeHref for the signup form).
 */
export const SUBSCRIPTION_PATHS = ['/subscribe', '/confirm', '/preferences', '/unsubscribe'] as const;

/** The sentence beside the confirm button; recorded with each consent. */
/** The methods each path answers: a GET shows a page and changes nothing, a POST acts. */
const ROUTE_METHODS: Readonly<Record<(typeof SUBSCRIPTION_PATHS)[number], readonly string[]>> = {
  '/subscribe': ['POST'],
  '/confirm': ['GET', 'POST'],
  '/preferences': ['GET', 'POST'],
  '/unsubscribe': ['GET', 'POST'],
};

export const CONSENT_WORDING = 'Yes, send me the weekly digest by email. I can unsubscribe at any time with the link in every email.';
/** At most one confirmation email per address and choice of topics in this time. */
export const CONFIRMATION_INTERVAL_MS = 60 * 60 * 1000;
/**
 * And at most this many per address in a day, whatever the topics (a signup with other topics is sent its own link):
 * a first try, one more for a link not found, and one for a change of mind. Without a daily bound anyone could have
 * an address sent the hourly most all day, every day, by typing it in.
 */
export const CONFIRMATIONS_PER_DAY = 3;
export const CONFIRMATION_DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** The longest address (RFC 5321 §4.5.3.1.3). */
export const MAX_ADDRESS_BYTES = 254;
/** The largest body read: a form is a few hundred bytes, a few KiB with every topic ticked. */
export const MAX_FORM_BYTES = 16 * 1024;
/** The honeypot field: hidden from people, filled in by form-filling bots. */
export const HONEYPOT_FIELD = 'website';

export interface SubscriptionRequest {
  method: string;
  /** The path and query, as in the request line. */
  url: string;
  /** The body as text: a form (application/x-www-form-urlencoded) is read, any other is answered 415. */
  body: string;
  /** The request's `Content-Type` header, if it has one: a POST's non-empty body without one is not read as a form. */
  contentType?: string;
  /** An opaque name of the client for the rate limit (a hash of its address), stored only under an HMAC (StoreClientSignupLimit). */
  client: string;
  /**
   * An opaque name of the client's wider network (networkKey: a hash of its IPv6 /48 or IPv4 /24), whose clients share
   * one limit. Without it (the preview, whose one client is the editor's machine), the client's limit alone.
   */
  network?: string;
  /** The request's `Origin` header, if it has one. */
  origin?: string;
  /** The request's `Sec-Fetch-Site` header (Fetch Metadata), if it has one. */
  fetchSite?: string;
}

export interface SubscriptionResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SubscriptionDeps {
  /**
   * The site, or the ConfigError that says why its site.yml cannot be used: then /unsubscribe alone is answered (on
   * plain pages), and every other path throws it.
   */
  site: Site | ConfigError;
  store: SubscriberStore;
  /** DIGEST_UNSUBSCRIBE_SECRET (SSM in a deployment). */
  secret: string;
  /** The origin the links in a confirmation email name (the endpoints at its root), and the pages' home link: the preview's; default the site's URL. */
  baseUrl?: string;
  /** The origins whose pages hold the forms (`https://site.example`): a browser's POST from any other is refused. Default the site URL's. */
  origins?: readonly string[];
  now: () => DateTime;
  /**
   * Sends one email (the confirmation) to `to`; throws DeliveryError, whose outcome says whether it may have gone.
   * Any other error is taken as not sent.
   */
  sendMail: (to: string, raw: Buffer) => Promise<void>;
  /**
   * Throws when no confirmation could be sent as things are set up (a deployment whose SES identity or configuration
   * set is out of step with site.yml: SES or IAM would refuse each one), before anything is read or written for a signup.
   */
  checkSending?: () => void;
  /** The site's tags, for the preferences. */
  tags: () => Promise<Tag[]>;
  /** The signups per client, in memory (per process, per warm instance): the gate before `clientLimit`, which costs nothing. */
  limiter?: ClientRateLimit;
  /**
   * The signups per client across instances. Default the store's own (SubscriberStore.clientSignupLimit, its records
   * named under `secret`), else `limiter` alone.
   */
  clientLimit?: ClientSignupLimit;
  /** The signups per wider network (a request's `network`), in memory: as `limiter` is for clients. Default one of the handler's own. */
  networkLimiter?: ClientRateLimit;
  /** The signups per wider network across instances. Default the store's own (SubscriberStore.networkSignupLimit), else `networkLimiter` alone. */
  networkLimit?: ClientSignupLimit;
  /**
   * Told when a client's count could not be taken back after its network's refused or failed (the store's error): the
   * answer is the same, but the client has lost one of its signups of the window, so that a person can see why.
   */
  onTakeBackFailed?: (error: unknown) => void;
  /**
   * The day's confirmations per inbox (deliveryMailbox). Default the store's own (SubscriberStore.inboxSendLimit, its records named under `secret`),
   * else the one in memory paired with `limiter` (mailboxSendLimit).
   */
  inboxLimiter?: InboxSendLimit;
  /** The hourly cap on signups, across instances. Default the store's own (SubscriberStore.signupCap), else none. */
  signupCap?: SignupCap;
  /** Told once an hour, at the cap's first refusal in it (the hour's start, ISO-8601), so that a person hears of it. */
  onSignupCapReached?: (hour: string) => void;
  /**
   * Every signup past the rate limit answers no sooner than this after it began (ms), so that its time does not tell
   * a new address (a write and an email) from a subscribed one (a read): set it well above a confirmation's send.
   */
  answerFloorMs: number;
  /** Waits `ms` milliseconds. Default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The subscription endpoints as one function from a request to a response, used by `broadsheet preview` and
 * the subscribe Lambda alike. A GET never changes anything (mail scanners follow links); every page is plain
 * HTML with no script; a bad or expired link gets a page saying so, never a stack trace.
 */
export function createSubscriptionHandler(deps: SubscriptionDeps): (request: SubscriptionRequest) => Promise<SubscriptionResponse> {
  const limiter = deps.limiter ?? new ClientRateLimit();
  const inboxes = deps.inboxLimiter ?? deps.store.inboxSendLimit?.(deps.secret) ?? mailboxSendLimit(limiter);
  const cap = deps.signupCap ?? deps.store.signupCap?.();
  const clients = deps.clientLimit ?? deps.store.clientSignupLimit?.(deps.secret);
  const networkLimiter = deps.networkLimiter ?? new ClientRateLimit(NETWORK_LIMIT, NETWORK_WINDOW_MS);
  const networks = deps.networkLimit ?? deps.store.networkSignupLimit?.(deps.secret);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const usable = deps.site instanceof ConfigError ? undefined : deps.site;
  const site = (): Site => {
    if (deps.site instanceof ConfigError) throw deps.site;
    return deps.site;
  };
  // The site's home page, on the origin the endpoints share with it: under the url's path for a site that has one.
  const home = usable ? new URL(deps.baseUrl ?? usable.url).pathname : '/';
  const page = (status: number, content: Omit<SubscriptionPage, 'siteTitle' | 'language' | 'home'>): SubscriptionResponse => ({
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' },
    body: renderSubscriptionPage({ siteTitle: usable?.title ?? PLAIN_PAGE.title, language: usable?.language ?? PLAIN_PAGE.language, home, ...content }),
  });
  // What to do instead depends on the link: signing up again makes a new confirmation link, but sends nothing to a
  // subscribed address, so it is no way to leave the list or reach the topics.
  const mailto = usable?.digest.unsubscribe.mailto;
  const badLink = (error: TokenError, path: string) =>
    page(400, {
      heading: 'This link does not work',
      paragraphs: [
        `Sorry: ${error.message}.`,
        path === '/unsubscribe'
          ? typedText`To stop receiving the digest, open the Unsubscribe link of your latest digest, all of it (${CUT_LINK})${mailto ? typedText`, or write to ${addressName(mailto)} to be taken off the list, naming the address the digest comes to` : ''}.`
          : path === '/preferences'
            ? `To choose your topics, open the Your topics link of your latest digest, all of it (${CUT_LINK}).`
            : // The link as mailed may work: a new one is the way only once all of it does not, or for a link that is whole.
              linkDamaged(error)
              ? `Open the link in the confirmation email again, all of it (${CUT_LINK}). If all of it does not work either, sign up again from any page of the site to get a new link.`
              : 'Sign up again from any page of the site to get a new link.',
      ],
    });
  const nowSeconds = () => Math.floor(deps.now().toMillis() / 1000);
  // The id in the digest's List-Id: every link made here names it, and a confirm or topics link made for another list
  // is refused, though signed with the same secret (an unsubscribe link never is: verifyToken). Without a usable
  // site.yml (only /unsubscribe answers then) the list is not known.
  const list = usable ? siteListIdentifier(usable) : undefined;

  const answer = async (request: SubscriptionRequest): Promise<SubscriptionResponse> => {
    const url = new URL(request.url, 'http://site.invalid');
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const allowed = (ROUTE_METHODS as Readonly<Record<string, readonly string[] | undefined>>)[url.pathname];
    if (allowed === undefined) return page(404, { heading: 'Not found', paragraphs: ['There is no such page.'] });
    if (!allowed.includes(method)) {
      // RFC 9110 §15.5.6: a 405 lists the methods the target supports; HEAD wherever GET is (§9.3.2).
      const allow = allowed.flatMap((name) => (name === 'GET' ? ['GET', 'HEAD'] : [name])).join(', ');
      const refused = page(405, { heading: 'Not allowed', paragraphs: ['Use the forms on the site.'] });
      return { ...refused, headers: { ...refused.headers, allow } };
    }
    // Before site(): the page names no site field, so it answers in the plain page's words when site.yml is unusable.
    if (Buffer.byteLength(request.body) > MAX_FORM_BYTES) {
      return page(413, { heading: 'Form too large', paragraphs: [`The form sent more than ${MAX_FORM_BYTES / 1024} KiB, more than any form of the site holds.`, 'Go back and send it again with fewer topics ticked, or sign up again from any page of the site.'] });
    }
    // Leaving needs only the token secret and the store, so that no mistake in site.yml keeps a reader on the list;
    // every other path needs the site (its url names the origins whose forms are taken, and a signup is mailed from it).
    if (url.pathname !== '/unsubscribe') site();
    // RFC 8058 §3.2: a one-click unsubscribe comes from the mail client, from anywhere, with no context; the signed
    // token in its URI is the whole authority, so where it comes from proves nothing.
    if (method === 'POST' && url.pathname !== '/unsubscribe' && fromAnotherSite(request, deps.origins ?? [new URL(site().url).origin])) {
      return page(403, { heading: 'Sent from another site', paragraphs: [typedText`This form works only on the pages of ${siteName(site().title)} itself. Sign up from any page of the site, or open the link in your email again.`] });
    }
    // RFC 8058 §3.1: the one-click POST's token is in its URI, and its body ("List-Unsubscribe=One-Click", perhaps
    // multipart: §3.2) says only that it is one; the body is not read. Every other POST is a page's form.
    const oneClick = url.pathname === '/unsubscribe';
    const readsBody = method === 'POST' && !oneClick;
    // A body of another type (JSON, multipart) or charset would read as a form with no fields, or with other
    // characters than were typed, and be answered as if the address were left empty or typed so.
    const notForm = readsBody ? notAForm(request) : undefined;
    if (notForm !== undefined) {
      return page(415, { heading: 'Not a form', paragraphs: [typedText`This address takes the forms of ${siteName(site().title)}, sent as ${FORM_TYPE} (as a browser sends them), not as ${notForm}.`] });
    }
    const form = new URLSearchParams(readsBody ? request.body : '');
    // The body's token (a page's form), else the query's (the link itself, POSTed as it is); the one-click's, its URI's.
    const tokenText = (oneClick ? url.searchParams.get('token') : (form.get('token') ?? url.searchParams.get('token'))) ?? '';
    const token = (purpose: TokenPurpose): TokenClaims => verifyToken(tokenText, purpose, deps.secret, nowSeconds(), list);
    try {
      switch (`${method} ${url.pathname}`) {
        case 'POST /subscribe':
          return await subscribe(form, request.client, request.network);
        case 'GET /confirm':
          return await confirmPage(token('confirm'), url.searchParams.get('token')!);
        case 'POST /confirm':
          return await confirm(token('confirm'), form, tokenText);
        case 'GET /preferences':
          return await preferences(token('preferences'), url.searchParams.get('token')!);
        case 'POST /preferences':
          return await savePreferences(token('preferences'), form);
        case 'GET /unsubscribe':
          return await unsubscribePage(token('unsubscribe'), url.searchParams.get('token')!);
        case 'POST /unsubscribe':
          return await unsubscribe(token('unsubscribe'));
        default:
          throw new Error(`no answer for ${method} ${url.pathname}, which ROUTE_METHODS allows`);
      }
    } catch (error) {
      if (error instanceof TokenError) return badLink(error, url.pathname);
      throw error;
    }
  };
  // RFC 9110 §9.3.2: a HEAD is answered as the GET would be, with no content.
  return async (request) => {
    const response = await answer(request);
    return request.method === 'HEAD' ? { ...response, body: '' } : response;
  };

  async function subscribe(form: URLSearchParams, client: string, network: string | undefined): Promise<SubscriptionResponse> {
    const nowMs = deps.now().toMillis();
    const tooMany = (retryAfterMs: number): SubscriptionResponse => {
      // The wait named, in whole minutes rounded up: a network's may be most of an hour.
      const refused = page(429, { heading: 'Too many requests', paragraphs: [`Please try again in ${countOf(Math.max(1, Math.ceil(retryAfterMs / 60_000)), 'minute', 'minutes')}.`] });
      // Whole seconds, rounded up: a client that waits as told is let through.
      return { ...refused, headers: { ...refused.headers, 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } };
    };
    // Memory first, which costs no request: this instance's own signups, and the store's last refusal, of the client
    // and of its network.
    if (!limiter.allow(client, nowMs)) return tooMany(limiter.retryAfterMs(client, nowMs));
    if (network !== undefined && !networkLimiter.allow(network, nowMs)) {
      limiter.forget(client, nowMs);
      return tooMany(networkLimiter.retryAfterMs(network, nowMs));
    }
    // A signup not made after all (a refusal, or the store did not answer: the 503 page) counts nothing in memory.
    const takeBack = () => {
      limiter.forget(client, nowMs);
      if (network !== undefined) networkLimiter.forget(network, nowMs);
    };
    // Then the store's counts, which every instance keeps (a refusal costs a read, no write): the client's before its
    // network's, so that a client past its own limit takes none of its neighbours'; both before the cap, so that a
    // signup past either takes none of the hour's.
    let counted: WindowAnswer | undefined;
    try {
      counted = await clients?.take(client, nowMs);
    } catch (error) {
      takeBack();
      throw error;
    }
    if (counted && !counted.allowed) {
      // Not a signup: memory counts only those the store took, and refuses the client, unasked, until the store would.
      takeBack();
      limiter.refuseUntil(client, nowMs + counted.retryAfterMs);
      return tooMany(counted.retryAfterMs);
    }
    if (network !== undefined && networks) {
      // The client's count taken back too, when the network's refuses or fails: one that fails to be only counts too many.
      const takeBackAll = async () => {
        takeBack();
        if (counted) await clients!.forget(client, nowMs).catch((error: unknown) => deps.onTakeBackFailed?.(error));
      };
      let wide: WindowAnswer;
      try {
        wide = await networks.take(network, nowMs);
      } catch (error) {
        await takeBackAll();
        throw error;
      }
      if (!wide.allowed) {
        await takeBackAll();
        networkLimiter.refuseUntil(network, nowMs + wide.retryAfterMs);
        return tooMany(wide.retryAfterMs);
      }
    }
    // Counted before the form is read, whatever it holds: a refusal tells nothing of any address.
    const capped = await cap?.take(nowMs);
    if (capped && !capped.taken) {
      if (capped.firstRefused) deps.onSignupCapReached?.(new Date(nowMs - (nowMs % HOUR_MS)).toISOString());
      const refused = page(429, { heading: 'Too many signups', paragraphs: ['This form has taken all the signups it takes in an hour. Please try again in an hour.'] });
      return { ...refused, headers: { ...refused.headers, 'retry-after': String(Math.max(1, Math.ceil(capped.retryAfterMs / 1000))) } };
    }
    // Whatever the address's state, the answer comes at the floor (or later, if sending took longer): its time must
    // not tell a new address (a write and an email) from a subscribed one (a read). The 429 above looks at no address.
    try {
      return await signUp(form);
    } finally {
      const elapsed = deps.now().toMillis() - nowMs;
      // A clock set back meanwhile waits the floor, no more.
      const wait = Math.min(deps.answerFloorMs, deps.answerFloorMs - elapsed);
      if (wait > 0) await sleep(wait);
    }
  }

  async function signUp(form: URLSearchParams): Promise<SubscriptionResponse> {
    // Another form's fields (`email[]`, `mail`): nothing was typed into ours, so nothing typed is to blame.
    if (!form.has('email')) return page(400, { heading: 'No email address', paragraphs: ['The form sent no field named email. Sign up with the form on any page of the site.'] });
    const from = sitePath(form.get('page') ?? '');
    // A refused address sends the reader back to the form's page (its path is under the site's home) to type another.
    const links = [{ href: home + from.slice(1), text: 'Back to the form' }];
    // Longer than any address (RFC 5321 §4.5.3.1.3: a path of 256 octets, its brackets included): refused unread, since
    // the parser's time grows faster than the field's length, and a form's field may be all of the body (16 KiB).
    if (Buffer.byteLength(form.get('email')!.trim()) > MAX_ADDRESS_BYTES) {
      return page(400, { heading: 'That is not an email address', paragraphs: [`It cannot be used: it is longer than ${MAX_ADDRESS_BYTES} bytes, more than any address can be.`, 'Go back and type one address, such as ada@example.org.'], links });
    }
    const parsed = parseMailbox(form.get('email')!);
    // Well formed, perhaps working: only the senders cannot reach it. The same 400: the form's input is what is refused.
    if (!parsed.ok && parsed.internationalised) {
      return page(400, {
        heading: 'That address cannot be accepted',
        paragraphs: ['It may well be a working address, but the part before "@" holds characters beyond plain a–z letters, digits and punctuation (an accented letter, another script), and the digest cannot be sent to such an address.', 'If you have another address, go back and type that one.'],
        links,
      });
    }
    // Valid (RFC 5322 §3.4.1), but a quoted local part is not taken (lib/shared/mailbox.ts says why); the same 400.
    if (!parsed.ok && parsed.quoted) {
      const paragraphs =
        parsed.quoted === 'needless'
          ? ['The part before "@" is in quotes it does not need.', 'Go back and type the address without the quotes: it is the same address.']
          : ['It may well be a working address, but the part before "@" is in quotes, and the digest is not sent to such an address.', 'If you have another address, go back and type that one.'];
      return page(400, { heading: 'That address cannot be accepted', paragraphs, links });
    }
    if (!parsed.ok || parsed.mailbox.name !== undefined) {
      const why = parsed.ok ? 'it holds a name as well as the address' : parsed.reason;
      return page(400, { heading: 'That is not an email address', paragraphs: [`It cannot be used: ${why}.`, 'Go back and type one address, such as ada@example.org.'], links });
    }
    const address = parsed.mailbox.address.toLowerCase();
    // A bot filled in the field people never see: answer as if all went well, and do nothing.
    if ((form.get(HONEYPOT_FIELD) ?? '') !== '') return checkInboxFor([], address, links);
    // Whatever the address's state: a subscribed one must not answer otherwise than a new one.
    deps.checkSending?.();
    const requested = form.getAll('tags');
    const chosen = await knownTags(requested);
    const tags = [...new Set(chosen.map((tag) => tag.slug))].sort();
    // Topics asked for and none on the site (withdrawn since the page was loaded): "every entry" is not what was asked.
    if (requested.length > 0 && tags.length === 0) return noneOfTheseTopics('Go back to the page, reload it and choose again.', links[0]);
    const now = deps.now();
    // The link's claims at their longest whatever the record holds (its count of unsubscribes), so that the answer
    // tells nothing of the address: a link of more would be mailed, then refused as damaged.
    if (!tokenFits(confirmClaims(address, tags, from, now, Number.MAX_SAFE_INTEGER))) {
      return page(400, {
        heading: 'Too many topics',
        paragraphs: [`The ${String(tags.length)} topics ticked are more than a confirmation link can carry.`, 'Go back and tick fewer, or none to receive every entry: once you are subscribed, the Your topics link in every digest takes as many as you like.'],
        links,
      });
    }
    // The same page whatever the address's state (it names only what was asked), so it must be true in each.
    const checkInbox = checkInboxFor(chosen.map((tag) => tag.name), address, links);
    const current = await deps.store.get(subscriberId(address));
    const record = current?.subscriber;
    if (record?.status === 'confirmed' || record?.status === 'suppressed') return checkInbox;
    // Unsubscribed since its last confirmation (unsubscribing drops signupPage, which a signup sets): the count starts
    // anew. Only the mailbox's owner can unsubscribe (the link is in their mail), so this sends one more per unsubscribe.
    const leftSince = record?.status === 'unsubscribed' && record.signupPage === undefined;
    // A record kept before each confirmation's topics were counts its last one, as if for these topics.
    const sent: { at: string; tags?: string[] }[] = leftSince || !record ? [] : (record.confirmations ?? (record.confirmationSentAt ? [{ at: record.confirmationSentAt }] : []));
    const ago = (confirmation: { at: string }) => now.toMillis() - Date.parse(confirmation.at);
    const today = sent.filter((confirmation) => ago(confirmation) < CONFIRMATION_DAY_MS);
    // One for these topics is on its way (sent within the hour), or the address had all it gets in a day: a signup with
    // other topics is sent its own link, since the one on its way would subscribe it to the others.
    const onItsWay = today.some((confirmation) => ago(confirmation) < CONFIRMATION_INTERVAL_MS && (confirmation.tags === undefined || confirmation.tags.join(',') === tags.join(',')));
    if (today.length >= CONFIRMATIONS_PER_DAY || onItsWay) return checkInbox;
    // One inbox under many addresses (ada+1@, ada+2@, a.da@ at Gmail), each with a day's limit of its own, would be sent
    // links without end by anyone typing them in: the inbox has a day's limit too, counted here, as each send is.
    const inbox = deliveryMailbox(address);
    if (!(await inboxes.allow(inbox, now.toMillis()))) return checkInbox;
    const next: Subscriber = {
      ...(record ?? { id: subscriberId(address), status: 'pending', tags: [], createdAt: now.toUTC().toISO()! }),
      address,
      signupPage: from,
      confirmationSentAt: now.toUTC().toISO()!,
      confirmations: [...today.flatMap((confirmation) => (confirmation.tags ? [{ at: confirmation.at, tags: confirmation.tags }] : [])), { at: now.toUTC().toISO()!, tags }],
      updatedAt: now.toUTC().toISO()!,
    };
    // Another signup for the same address in between: that one sends the email, and counts it.
    if (!(await deps.store.put(next, current?.version))) {
      await forgetSend(inbox, now.toMillis());
      return checkInbox;
    }
    const tokenText = signToken(confirmClaims(address, tags, from, now, next.unsubscribes ?? 0), deps.secret);
    const { title, host, digest, timezone, url } = site();
    const raw = await buildConfirmationMessage({ siteTitle: title, language: site().language, host, from: confirmationFrom(site()), ...(digest.replyTo ? { replyTo: digest.replyTo } : {}), to: address, topics: chosen.map((tag) => tag.name), confirmUrl: new URL(`/confirm?token=${tokenText}`, deps.baseUrl ?? url).href, date: now, timezone });
    try {
      await deps.sendMail(address, raw);
    } catch (error) {
      // Refused or never sent: the mark goes, so that the signup tried again (as the 503 page asks) sends one. One that
      // may have been delivered keeps it: tried again within the hour, it sends no second email.
      if (!(error instanceof DeliveryError && error.outcome === 'unknown')) {
        await forgetSend(inbox, now.toMillis());
        await forgetConfirmation(next, record).catch(() => undefined);
      }
      throw error;
    }
    return checkInbox;
  }

  /** The claims of a signup's confirm link, made at `now`, for the list. */
  function confirmClaims(address: string, tags: string[], from: string, now: DateTime, unsubscribes: number): TokenClaims {
    return { address, purpose: 'confirm', tags, page: from, expires: confirmTokenExpiry(now.toMillis()), unsubscribes, list: siteListIdentifier(site()) };
  }

  /** Takes back an inbox's link not sent; one the store fails to take back only counts too many, never too few. */
  async function forgetSend(inbox: string, atMs: number): Promise<void> {
    await Promise.resolve(inboxes.forget(inbox, atMs)).catch(() => undefined);
  }

  /** Puts back the record's confirmations and signup page, unless another signup wrote the record since. */
  async function forgetConfirmation(marked: Subscriber, before: Subscriber | undefined): Promise<void> {
    const current = await deps.store.get(marked.id);
    if (!current || current.subscriber.confirmationSentAt !== marked.confirmationSentAt) return;
    const { confirmationSentAt: _sent, ...rest } = withoutSignup(current.subscriber);
    const kept = {
      ...(before?.confirmationSentAt ? { confirmationSentAt: before.confirmationSentAt } : {}),
      ...(before?.confirmations ? { confirmations: before.confirmations } : {}),
      ...(before?.signupPage ? { signupPage: before.signupPage } : {}),
    };
    await deps.store.put({ ...rest, ...kept }, current.version);
  }

  /**
   * The page every signup gets, whatever the address's state: it names only what was asked (the topics, and the
   * address as typed, so that a typing mistake is seen while the form is a click away), and holds for each state
   * (nothing is sent to a subscribed address, or past the day's limit).
   */
  function checkInboxFor(names: string[], address: string, links: NonNullable<SubscriptionPage['links']>): SubscriptionResponse {
    return page(200, {
      heading: 'Check your inbox',
      paragraphs: [
        typedText`Unless the address is subscribed already, mail to it bounced, or it was sent ${String(CONFIRMATIONS_PER_DAY)} links in the last 24 hours (the most this form sends one address), an email with a confirmation link for ${topicsInWords(names)} is on its way to ${addressName(shownAddress(address))}. Open it and press the button to start your subscription.`,
        'Not the address you meant? Go back to the form and type it again.',
        'Subscribed already? The Your topics link in every digest changes the topics.',
      ],
      links,
    });
  }

  /** The confirm link's page: the button, or what the POST would answer when it would change nothing. Reads only. */
  async function confirmPage(claims: TokenClaims, tokenText: string): Promise<SubscriptionResponse> {
    const record = (await deps.store.get(subscriberId(claims.address)))?.subscriber;
    if (!record) throw new TokenError(SIGNUP_GONE);
    if (record.status === 'confirmed') return subscribedPage(claims.address, record.tags, 'comes');
    if (record.status === 'suppressed') return cannotReceive();
    if (linkWithdrawn(record, claims)) throw new TokenError(LINK_WITHDRAWN);
    const signedUp = claims.tags ?? [];
    const published = signedUp.length === 0 ? [] : await deps.tags();
    const gone = goneTopics(signedUp, published);
    if (gone.length > 0) return chooseTopics(200, claims.address, tokenText, gone, signedUp, published);
    return page(200, {
      heading: 'Confirm your subscription',
      paragraphs: [typedText`Press the button to receive ${digestInWords(site().title)}, with ${topicsInWords(topicNames(signedUp, published))}, at ${addressName(shownAddress(claims.address))}.`],
      form: { action: '/confirm', hidden: { token: tokenText }, button: 'Confirm my subscription', note: CONSENT_WORDING },
    });
  }

  /**
   * A confirm link whose topics are not all on the site now (renamed or withdrawn since the signup): confirmed as it
   * is, it would keep a topic no digest carries. The site's topics instead, those still on it ticked; none ticked is
   * every entry, as on the topics page. The form's `topics` field says the choice is made here, not by the link.
   */
  function chooseTopics(status: number, address: string, tokenText: string, gone: readonly string[], signedUp: readonly string[], published: readonly Tag[]): SubscriptionResponse {
    const { title } = site();
    const one = gone.length === 1;
    const goneNames = gone.flatMap((slug, index) => (index === 0 ? [siteName(slug)] : [', ', siteName(slug)]));
    const lost = typedText`${one ? 'The topic' : 'The topics'} you signed up for, ${goneNames}, ${one ? 'is' : 'are'} no longer on ${siteName(title)}: no digest would carry ${one ? 'it' : 'them'}.`;
    const shown = addressName(shownAddress(address));
    const choose =
      published.length === 0
        ? typedText`${siteName(title)} has no topics to choose from now: press the button to receive ${digestInWords(title)}, with every entry, at ${shown}.`
        : typedText`Tick the topics you want from those it has now (none ticked: every entry), and press the button to receive ${digestInWords(title)} at ${shown}.`;
    const tags = published.map((tag) => ({ slug: tag.slug, name: tag.name, checked: signedUp.includes(tag.slug) }));
    return page(status, { heading: 'Confirm your subscription', paragraphs: [lost, choose], form: { action: '/confirm', hidden: { token: tokenText, topics: TOPICS_CHOSEN }, tags, button: 'Confirm my subscription', note: CONSENT_WORDING } });
  }

  /** The unsubscribe link's page: the button, or, for an address that left already, that it did. Reads only. */
  async function unsubscribePage(claims: TokenClaims, tokenText: string): Promise<SubscriptionResponse> {
    const record = (await deps.store.get(subscriberId(claims.address)))?.subscriber;
    if (record?.status === 'unsubscribed') return page(200, { heading: 'Unsubscribed', paragraphs: [typedText`${addressName(shownAddress(claims.address))} is unsubscribed already: the digest is not sent to it.`, COMING_BACK] });
    if (record?.status === 'suppressed') return cannotReceive();
    return page(200, {
      heading: 'Unsubscribe',
      paragraphs: [typedText`Press the button to stop sending the weekly digest to ${addressName(shownAddress(claims.address))}.`],
      // RFC 8058 §3.1: the same URI takes the one-click POST; the button sends the same body.
      form: { action: `/unsubscribe?token=${encodeURIComponent(tokenText)}`, hidden: { 'List-Unsubscribe': 'One-Click' }, button: 'Unsubscribe' },
    });
  }

  async function subscribedPage(address: string, tags: readonly string[], comes: 'comes' | 'will come'): Promise<SubscriptionResponse> {
    return page(200, {
      heading: "You're subscribed",
      paragraphs: [typedText`${digestInWords(site().title, true)}, with ${topicsInWords(await namesOf(tags))}, ${comes} to ${addressName(shownAddress(address))}.`],
      links: [{ href: preferencesHref(address), text: 'Choose the topics you receive' }, unsubscribeLink(address)],
    });
  }

  function cannotReceive(): SubscriptionResponse {
    return page(200, { heading: 'Not subscribed', paragraphs: ['This address cannot receive the digest (mail to it bounced or was reported). Write to the editors if that is wrong.'] });
  }

  async function confirm(claims: TokenClaims, form: URLSearchParams, tokenText: string): Promise<SubscriptionResponse> {
    const signedUp = claims.tags ?? [];
    // The topics as the link's page chose them (chooseTopics), or as the link names them, all still on the site.
    const chosenHere = form.get('topics') === TOPICS_CHOSEN;
    const published = chosenHere || signedUp.length > 0 ? await deps.tags() : [];
    const requested = chosenHere ? form.getAll('tags') : [];
    const tags = chosenHere ? [...new Set(requested.filter((slug) => published.some((tag) => tag.slug === slug)))].sort() : signedUp;
    // Ticked and none on the site (withdrawn since the page was loaded): "every entry" is not what was ticked.
    if (requested.length > 0 && tags.length === 0) return noneOfTheseTopics('Nothing was changed: open the link in your email again and choose.');
    const gone = chosenHere ? [] : goneTopics(signedUp, published);
    let standing = undefined as Subscriber | undefined;
    let mustChoose = false;
    const saved = await update(claims.address, (record, now, stored) => {
      // No record, no count of its unsubscribes: nothing tells whether the address left after the link was sent.
      if (!stored) throw new TokenError(SIGNUP_GONE);
      if (record.status === 'suppressed') return undefined;
      // A link clicked again: the subscription stands as it is; rewriting it would put the signup's tags back over
      // the topics chosen since, and restamp the consent.
      if (record.status === 'confirmed') {
        standing = record;
        return undefined;
      }
      if (linkWithdrawn(record, claims)) throw new TokenError(LINK_WITHDRAWN);
      // A page shown before the topics went (or a bare POST of the link) confirms nothing: the subscriber chooses.
      mustChoose = gone.length > 0;
      if (mustChoose) return undefined;
      return { ...withoutSignup(record), status: 'confirmed', tags, consent: { at: now, method: 'form', ...(claims.page ? { page: claims.page } : {}), wording: CONSENT_WORDING }, updatedAt: now };
    });
    if (standing) return subscribedPage(claims.address, standing.tags, 'comes');
    // RFC 9110 §15.5.10: the link conflicts with the site as it is now; the page says how to go on.
    if (mustChoose) return chooseTopics(409, claims.address, tokenText, gone, signedUp, published);
    if (saved?.status !== 'confirmed') return cannotReceive();
    return subscribedPage(claims.address, saved.tags, 'will come');
  }

  async function preferences(claims: TokenClaims, tokenText: string): Promise<SubscriptionResponse> {
    const record = (await deps.store.get(subscriberId(claims.address)))?.subscriber;
    if (record?.status !== 'confirmed') return notSubscribed(claims.address, record);
    const chosen = new Set(record.tags);
    const published = await deps.tags();
    const known = new Set(published.map((tag) => tag.slug));
    // A chosen tag no entry carries any more (renamed, or its entries withdrawn) still filters the digest: shown
    // ticked, so that the page does not say "every entry" to someone who gets nothing.
    const tags = [
      ...published.map((tag) => ({ slug: tag.slug, name: tag.name, checked: chosen.has(tag.slug) })),
      ...record.tags.filter((slug) => !known.has(slug)).map((slug) => ({ slug, name: slug, checked: true, gone: true })),
    ];
    // Before the first publish, or on a site without tags: nothing to tick, and nothing to save.
    const leave = [unsubscribeLink(claims.address)];
    if (tags.length === 0) return page(200, { heading: 'Your topics', paragraphs: [typedText`${siteName(site().title)} has no topics to choose from yet, so your digest holds every entry.`], links: leave });
    // The address named: a reader with more than one subscribed sees which digest the ticks are for.
    const to = addressName(shownAddress(claims.address));
    return page(200, { heading: 'Your topics', paragraphs: [typedText`Tick the topics you want in the digest sent to ${to}: a week with none of them sends you nothing. Tick none to get every entry.`], form: { action: '/preferences', hidden: { token: tokenText }, tags, button: 'Save my topics' }, links: leave });
  }

  async function savePreferences(claims: TokenClaims, form: URLSearchParams): Promise<SubscriptionResponse> {
    const published = await deps.tags();
    const known = new Set(published.map((tag) => tag.slug));
    const requested = form.getAll('tags');
    let noneKept = false;
    // A tag the site no longer has stays only if it was chosen already and is left ticked.
    const saved = await update(claims.address, (record, now) => {
      if (record.status !== 'confirmed') return undefined;
      const tags = [...new Set(requested.filter((tag) => known.has(tag) || record.tags.includes(tag)))].sort();
      // Topics ticked and none kept would save "every entry", the widest choice, which nobody ticked.
      noneKept = requested.length > 0 && tags.length === 0;
      return noneKept ? undefined : { ...record, tags, updatedAt: now };
    });
    const topics = { href: preferencesHref(claims.address), text: 'Your topics' };
    if (noneKept) return noneOfTheseTopics('Nothing was changed: open your topics page again and choose.', topics);
    if (!saved) return notSubscribed(claims.address, (await deps.store.get(subscriberId(claims.address)))?.subscriber);
    return page(200, { heading: 'Saved', paragraphs: [typedText`Your digest will hold ${topicsInWords(topicNames(saved.tags, published))}.`], links: [topics, unsubscribeLink(claims.address)] });
  }

  /**
   * The topics page of an address not subscribed (its link is from a digest sent before it left): one signed up again
   * and not yet confirmed is told that the email it was sent confirms it, not to sign up once more.
   */
  function notSubscribed(address: string, record: Subscriber | undefined): SubscriptionResponse {
    const shown = addressName(shownAddress(address));
    const pending = record?.status === 'pending' && record.confirmationSentAt !== undefined;
    return page(200, {
      heading: 'Not subscribed',
      paragraphs: [pending ? typedText`${shown} is not subscribed yet: press the button in the confirmation email sent to it, then choose your topics.` : typedText`${shown} is not subscribed; sign up from any page of the site.`],
    });
  }

  async function unsubscribe(claims: TokenClaims): Promise<SubscriptionResponse> {
    // No record (an address from an imported list): one is made, so the address is never sent to again.
    await update(claims.address, unsubscribedRecord);
    return page(200, { heading: 'Unsubscribed', paragraphs: [typedText`${addressName(shownAddress(claims.address))} will not receive the digest any more.`, COMING_BACK] });
  }

  /**
   * Reads, changes and writes a record conditionally, retrying a lost race; the record written, or undefined.
   * SubscriberConflictError when every try lost: the shells answer it as any failure, asking to try again.
   */
  async function update(address: string, change: (record: Subscriber, now: string, stored: boolean) => Subscriber | undefined): Promise<Subscriber | undefined> {
    const id = subscriberId(address);
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = deps.now().toUTC().toISO()!;
      const current: VersionedSubscriber | undefined = await deps.store.get(id);
      const record = current?.subscriber ?? newSubscriber(address, now);
      const next = change(record, now, current !== undefined);
      if (!next) return undefined;
      if (await deps.store.put(next, current?.version)) return next;
    }
    throw new SubscriberConflictError('the subscriber record kept changing while it was being written; try again');
  }

  /**
   * The address's topics page, signed for it and the list. It does not expire, as the one in every digest does not:
   * shown on a confirm link's page, it gives nothing the mailbox does not hold already.
   */
  function preferencesHref(address: string): string {
    return `/preferences?token=${signToken({ address, purpose: 'preferences', list: siteListIdentifier(site()) }, deps.secret)}`;
  }

  /**
   * The way off the list from a page that names the address: its unsubscribe page (a GET changes nothing), whose
   * button sends the one-click POST (RFC 8058 §3.1). Signed as the digest's unsubscribe link is, for the same list.
   */
  function unsubscribeLink(address: string): { href: string; text: string } {
    return { href: `/unsubscribe?token=${signToken({ address, purpose: 'unsubscribe', list: siteListIdentifier(site()) }, deps.secret)}`, text: 'Unsubscribe' };
  }

  function noneOfTheseTopics(what: string, link?: { href: string; text: string }): SubscriptionResponse {
    return page(400, { heading: 'Those topics are not on the site', paragraphs: [typedText`None of the topics you ticked is on ${siteName(site().title)} now. ${what}`], ...(link ? { links: [link] } : {}) });
  }

  /** The site's tags among those requested, in the order the site lists them. */
  async function knownTags(requested: string[]): Promise<Tag[]> {
    if (requested.length === 0) return [];
    return (await deps.tags()).filter((tag) => requested.includes(tag.slug));
  }

  async function namesOf(slugs: readonly string[]): Promise<string[]> {
    return slugs.length === 0 ? [] : topicNames(slugs, await deps.tags());
  }
}

/**
 * A browser's request from another site's page (a form there posting here), which must not act for it. Fetch
 * Metadata first (`Sec-Fetch-Site`, sent by current browsers): only `same-origin` (and `none`, what the user did
 * alone) is ours. It must come first, because our pages' `Referrer-Policy: no-referrer` makes a browser send
 * `Origin: null` with their own form POSTs (Fetch, "append a request `Origin` header"). Without it, an older
 * browser names the page's origin, which must be one of ours. Neither header (or only `Origin: null`): not a
 * browser, or one that cannot say; nothing else carries another site's request here.
 */
export function fromAnotherSite(request: Pick<SubscriptionRequest, 'origin' | 'fetchSite'>, origins: readonly string[]): boolean {
  const site = request.fetchSite?.trim().toLowerCase();
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.origin?.trim().toLowerCase();
  if (!origin || origin === 'null') return false;
  return !origins.some((own) => own.toLowerCase() === origin);
}

/** The confirm page's field saying that the topics posted with it were chosen there (chooseTopics). */
const TOPICS_CHOSEN = 'chosen';

/** The slugs among `slugs` that the site's tags do not hold. */
function goneTopics(slugs: readonly string[], published: readonly Tag[]): string[] {
  return slugs.filter((slug) => !published.some((tag) => tag.slug === slug));
}

/** How a link changes on its way to the page that refuses it: the page asks for all of it. */
const CUT_LINK = 'a mail program may have cut a long link in two, or only part of it was copied';
const LINK_WITHDRAWN = 'the address unsubscribed after this link was sent';
/**
 * How a reader who left by mistake (a mail client's unsubscribe button pressed, the page's button) comes back: the
 * confirmation link a signup sends is their consent again, which no link of before can give (linkWithdrawn).
 */
const COMING_BACK = 'Unsubscribed by mistake? Sign up again with the form on any page of the site: the email it sends has a link that subscribes the address again.';
/**
 * A confirm link whose signup has no record: erased (`subscribers forget`), where the address's unsubscribes were
 * counted. Every signup writes its record before its link is sent, and a pending one outlives its link.
 */
const SIGNUP_GONE = 'the signup this link was sent for is no longer on record';

/** The pages' name and language when site.yml cannot be used (only /unsubscribe answers then). */
const PLAIN_PAGE = { title: 'Home', language: 'en' };

/**
 * Whether an unsubscribe since the confirm link was made withdrew the consent it asked for: only the link of a signup
 * since confirms again. Each unsubscribe counts, and a link carries the count it was made at, so the order decides,
 * never the clock: a link made in the very instant before an unsubscribe, and one made just after, differ.
 */
function linkWithdrawn(record: Subscriber, claims: TokenClaims): boolean {
  if (record.status !== 'unsubscribed') return false;
  if (claims.unsubscribes !== undefined) return claims.unsubscribes !== (record.unsubscribes ?? 0);
  // A link made before links carried the count: made before any unsubscribe counted since; else it tells only the
  // second it was made (expires = then + CONFIRM_TOKEN_SECONDS), so it confirms only from the second after the
  // unsubscribe's (a signup's link of that very second is refused too: signing up again sends one that works).
  if (record.unsubscribes !== undefined) return true;
  const issued = (claims.expires ?? 0) - CONFIRM_TOKEN_SECONDS;
  return !(record.signupPage !== undefined && issued > Math.floor(Date.parse(record.unsubscribedAt ?? record.confirmationSentAt ?? '') / 1000));
}
