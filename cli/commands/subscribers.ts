import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../../lib/shared/errors.js';
import { readUnsubscribeSecret } from '../../lib/delivery/mailEnv.js';
import { parseCommandLine } from '../args.js';
import { StoreSubscriberStore } from '../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId, type Subscriber } from '../../lib/subscribers/subscriber.js';
import { addSubscriber, canonicalMailbox, forgetExpiredSignups, forgetSubscriber, importSubscribers, suppressSubscriber, unsubscribeSubscriber } from '../../lib/subscribers/subscriberAdmin.js';
import { subscriberFileText } from '../../lib/subscribers/subscriberFile.js';
import { parseNow } from '../now.js';
import { contentStore, refusePrivateFolderInContent, runsInsideContentFolder, subscriberObjects } from '../stores.js';
import type { Store } from '../../lib/store/store.js';
import { chosenTags } from '../../lib/subscribers/chosenTags.js';
import type { Tag } from '../../lib/content/entry.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../io.js';
import { countOf } from '../../lib/shared/countOf.js';
import { quote } from '../../lib/shared/quote.js';

const HELP = `Usage: broadsheet subscribers <action> [options]

Manages the digest's subscribers in the subscriber folder (the one broadsheet preview's /subscribe writes
and broadsheet digest --send --subscribers reads), or in a deployment's subscriber store on S3.

Actions:
  list                     every subscriber: status, address, tags, last change
  add ADDRESS [--tags a,b] add a confirmed subscriber (consent recorded as "added" by the editor); with
                           --tags, only entries with one of those tags, as the site spells or slugs them
                           (Trade or trade; Special economic zones or special-economic-zones): a tag
                           no entry has is refused; a display name ("Ada <ada@example.org>") is not kept,
                           and add says so
  import FILE              add every address of a one-address-a-line file (subscribers.txt) as confirmed,
                           consent "imported"; unsubscribed and suppressed addresses stay so
  export                   print the confirmed addresses, one a line
  unsubscribe ADDRESS      record the address as unsubscribed, as its unsubscribe link does (a request
                           that came by mail, to digest.unsubscribe.mailto); one with no record gets
                           one, so add and import never take it in
  suppress ADDRESS         never send to the address again (a bounce or complaint reported by hand)
  forget ADDRESS           erase the address's record (a suppressed one keeps only its hash; the
                           send ledger keeps the hash of each week it was mailed: README, "The
                           editor's commands"), and the count of links sent to its inbox, which
                           is named under DIGEST_UNSUBSCRIBE_SECRET: without it set, that count
                           (times, no address) is left to expire
  forget --unconfirmed     erase every signup nobody confirmed whose confirmation link has expired (at
                           --now); confirmed, unsubscribed and suppressed records are kept, and so
                           is a signup written again while it ran

Options:
  --subscribers DIR        the subscriber folder (default: subscribers); or s3://BUCKET/PREFIX, a
                           deployment's store (the content bucket and the subscribersPrefix param,
                           e.g. s3://my-content/_subscribers/; credentials from the AWS environment);
                           never inside the content folder, which push-content uploads
  --content DIR            the content folder whose tags --tags names (default: content); or s3://BUCKET/PREFIX
  --endpoint URL           an S3-compatible endpoint for s3://, e.g. http://127.0.0.1:4569
  --now ISO-8601           the time recorded (default: now)
  --json                   print the outcome as JSON: list the records, export the addresses, add,
                           import, unsubscribe, suppress and forget what each did (forget
                           --unconfirmed: the addresses erased, and those left as changed meanwhile)
  --quiet                  list and import: only the summary line; add, unsubscribe, suppress and
                           forget: nothing, but why an address was not added, had no record or was
                           not found
  --debug                  show stack traces of unexpected errors (also DEBUG=1)
  -h, --help               show this help

Environment: DIGEST_UNSUBSCRIBE_SECRET (forget: the links' signing secret, the deployment's SSM value or
the preview's, all of it during a rotation).`;

const ACTIONS = ['list', 'add', 'import', 'export', 'unsubscribe', 'suppress', 'forget'];

export const subscribersCommand: Command = {
  name: 'subscribers',
  summary: 'list, add, import, export, unsubscribe, suppress or forget digest subscribers',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: flags, positionals } = parseCommandLine('subscribers', argv, { subscribers: { type: 'string' }, content: { type: 'string' }, endpoint: { type: 'string' }, tags: { type: 'string' }, unconfirmed: { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, now: { type: 'string' }, debug: { type: 'boolean' } });
    const [action, argument, ...extra] = positionals;
    if (action === undefined || !ACTIONS.includes(action)) {
      throw new UsageError(`subscribers: ${action === undefined ? 'an action is missing' : `unknown action ${JSON.stringify(action)}`} (list, add, import, export, unsubscribe, suppress or forget)`);
    }
    if (flags.tags !== undefined && action !== 'add') throw new UsageError(`subscribers ${action}: --tags goes with add only`);
    if (flags.unconfirmed && action !== 'forget') throw new UsageError(`subscribers ${action}: --unconfirmed goes with forget only`);
    if (flags.content !== undefined && flags.tags === undefined) throw new UsageError(`subscribers ${action}: --content goes with add --tags`);
    // --json prints what the action did, for a script; --quiet only what did not go as asked (and the summaries).
    const json = (value: unknown) => io.stdout(JSON.stringify(value, null, 2));
    const say = (line: string) => {
      if (!flags.quiet) io.stdout(line);
    };
    // The records hold addresses and consent: none in the folder push-content uploads (a deployment's store is its own prefix).
    if (!flags.subscribers?.startsWith('s3://') && !flags.content?.startsWith('s3://')) {
      refusePrivateFolderInContent('--subscribers', flags.subscribers, localContentFolder(flags.content, io), io, { keep: 'keep the subscriber records', addresses: "the subscribers' addresses" });
    }
    const store = new StoreSubscriberStore(subscriberObjects(flags.subscribers, io, { endpoint: flags.endpoint }));
    const now = parseNow(flags.now);
    const needs = (what: string): string => {
      if (!argument || extra.length > 0) throw new UsageError(`subscribers ${action}: give exactly one ${what}`);
      return argument;
    };
    const mailboxArgument = (): { address: string; name?: string } => {
      try {
        return canonicalMailbox(needs('address'));
      } catch (error) {
        if (!(error instanceof UsageError) || error.message.startsWith('subscribers ')) throw error;
        throw new UsageError(`subscribers ${action}: ${error.message}`, { cause: error });
      }
    };
    const addressArgument = (): string => mailboxArgument().address;
    switch (action) {
      case 'list': {
        const all: Subscriber[] = [];
        for await (const subscriber of store.list()) all.push(subscriber);
        all.sort((a, b) => (a.address ?? '~').localeCompare(b.address ?? '~'));
        if (flags.json) json(all);
        else {
          for (const s of all) say(`${s.status.padEnd(12)} ${s.address ?? `(forgotten ${s.id.slice(0, 12)})`}${s.tags.length ? `  tags: ${s.tags.join(', ')}` : ''}  ${s.updatedAt}`);
          io.stdout(`${countOf(all.length, 'subscriber record', 'subscriber records')}, ${all.filter((s) => s.status === 'confirmed').length} confirmed, in ${store.description}`);
        }
        return EXIT_OK;
      }
      case 'add': {
        const { address, name } = mailboxArgument();
        const named = flags.tags === undefined ? [] : flags.tags.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
        // No tag at all is every entry: asked for by leaving --tags out, never by an empty one.
        if (flags.tags !== undefined && named.length === 0) throw new UsageError(`subscribers add: --tags ${JSON.stringify(flags.tags)} names no tag (leave --tags out for every entry)`);
        const tags = await siteTags(named, contentStore(flags.content, io, { endpoint: flags.endpoint }));
        const outcome = await addSubscriber(store, address, { tags: tags.map((tag) => tag.slug), method: 'added', now });
        const record = outcome === 'added' ? undefined : (await store.get(subscriberId(address)))?.subscriber;
        if (flags.json) json({ ok: outcome !== 'refused', action, address, added: outcome === 'added', status: record?.status ?? 'confirmed', tags: record?.tags ?? tags.map((tag) => tag.slug), ...(outcome === 'added' && name !== undefined ? { nameDropped: name } : {}) });
        // As the site names them: a Hangul tag's slug is its xn-- form.
        else if (outcome === 'added') {
          const added = `added ${address}${tags.length ? ` (tags: ${tags.map((tag) => tag.name).join(', ')})` : ''}`;
          // Not what was asked, so said under --quiet too.
          if (name === undefined) say(added);
          else io.stdout(`${added}; ${namesNotKept(`${address} (${quote(name)})`)}`);
        }
        else {
          if (outcome === 'already') {
            // The subscriber's topics are theirs to choose (their topics page): --tags does not overwrite them.
            const theirs = record?.tags.length ? `their tags: ${record.tags.join(', ')}` : 'every entry';
            io.stdout(`${address} is already subscribed (${theirs})${tags.length ? '; --tags changed nothing: subscribers choose their topics on their topics page' : ''}`);
          } else if (record?.status === 'suppressed') io.stdout(`${address} is suppressed (a bounce or a complaint): not added, never sent to again`);
          // Their leaving is theirs to undo, by a consent of their own: what the editor can tell a reader who asks.
          else io.stdout(`${address} unsubscribed: not added (add and import never take back an address that left; to come back, they sign up again with the form on the site, which mails them a confirmation link)`);
        }
        // A refusal: a script adding an address that left must not read it as added.
        return outcome === 'refused' ? EXIT_FAILURE : EXIT_OK;
      }
      case 'import': {
        const file = resolve(io.cwd, needs('file'));
        const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
          // A mistyped name or a folder is the editor's to mend: said in words, with what to give instead.
          const why = error.code === 'ENOENT' ? 'there is no such file' : error.code === 'EISDIR' ? 'it is a folder, not a file' : `it cannot be read (${error.code ?? error.message})`;
          throw new UsageError(`subscribers import: ${file}: ${why} (give the list to import: a text file of one address a line, such as content/subscribers.txt)`, { cause: error });
        });
        // As the digest reads its list: not UTF-8 is refused with the byte offset, a leading BOM is dropped.
        const text = subscriberFileText(bytes, file, 'nobody was added');
        const result = await importSubscribers(store, text, now);
        for (const problem of result.invalid) io.stderr(`skipped: ${file}:${problem}`);
        if (flags.json) {
          json({ ok: true, action, file, ...result });
          return EXIT_OK;
        }
        io.stdout(
          `imported ${result.added.length}, already subscribed ${result.already.length}, refused (unsubscribed or suppressed) ${result.refused.length}, invalid ${result.invalid.length}` +
            (result.repeated.length ? `, repeated ${result.repeated.length} (a mailbox an earlier line names: ${result.repeated.length === 1 ? 'line' : 'lines'} ${result.repeated.join(', ')})` : '') +
            (result.namesDropped.length ? `; ${namesNotKept(`${result.namesDropped.length === 1 ? 'line' : 'lines'} ${result.namesDropped.join(', ')}`)}` : ''),
        );
        return EXIT_OK;
      }
      case 'export': {
        const addresses: string[] = [];
        for await (const s of store.list()) if (s.status === 'confirmed' && s.address) addresses.push(s.address);
        if (flags.json) json(addresses);
        else for (const address of addresses) io.stdout(address);
        return EXIT_OK;
      }
      case 'unsubscribe': {
        const address = addressArgument();
        const outcome = await unsubscribeSubscriber(store, address, now);
        if (flags.json) json({ ok: true, action, address, outcome, status: outcome === 'suppressed' ? 'suppressed' : 'unsubscribed' });
        else if (outcome === 'unsubscribed') say(`unsubscribed ${address}: the digest is not sent to it any more`);
        // Most often a mail from another address than the one subscribed: the mailto's subject names that one.
        else if (outcome === 'recorded') io.stdout(`${address} had no record in ${store.description}: recorded as unsubscribed, so add and import never take it in; if the unsubscribe mail's subject names another address, unsubscribe that one`);
        else io.stdout(`${address} ${outcome === 'suppressed' ? 'is suppressed (a bounce or a complaint): never sent to again' : 'is unsubscribed already'}; nothing changed`);
        return EXIT_OK;
      }
      case 'suppress': {
        const address = addressArgument();
        await suppressSubscriber(store, address, 'suppressed by the editor', now);
        if (flags.json) json({ ok: true, action, address, status: 'suppressed' });
        else say(`suppressed ${address}: it is never sent to again`);
        return EXIT_OK;
      }
      case 'forget': {
        if (flags.unconfirmed) {
          if (argument !== undefined) throw new UsageError('subscribers forget: --unconfirmed forgets every expired signup: give no address with it');
          // Only a count unless asked (--json): a log of the run keeps none of the addresses it erased.
          const { forgotten, changed } = await forgetExpiredSignups(store, now);
          if (flags.json) json({ ok: true, action, unconfirmed: true, forgotten, changed });
          else {
            const left = changed.length > 0 ? `; left ${countOf(changed.length, 'signup', 'signups')} written again meanwhile` : '';
            say(`forgot ${countOf(forgotten.length, 'unconfirmed signup', 'unconfirmed signups')} whose confirmation link had expired, in ${store.description}${left}`);
          }
          return EXIT_OK;
        }
        const address = addressArgument();
        // The inbox's count of links is named under the links' secret: without it, left to expire (README, "The editor's commands").
        const secret = readUnsubscribeSecret(io.env);
        if (secret === undefined && !flags.json) io.stderr('DIGEST_UNSUBSCRIBE_SECRET is not set, so the count of links sent to the inbox (named by a keyed hash; times, no address) is left: on S3 it expires 8 days after its last link');
        const outcome = await forgetSubscriber(store, address, now, secret);
        if (flags.json) json({ ok: true, action, address, forgotten: outcome === 'erased', outcome });
        else if (outcome === 'erased') say(`forgot ${address}`);
        else if (outcome === 'already') io.stdout(`${address} was forgotten already (only its hash is kept, so it stays suppressed); nothing changed`);
        else io.stdout(`${address} is not in ${store.description}`);
        return EXIT_OK;
      }
    }
    return EXIT_OK;
  },
};

/**
 * The local content folder the subscriber folder must stay out of: `--content`, else `content` in the working folder,
 * else the working folder when it holds site.yml (run from inside the content folder, where --content is not asked for).
 */
function localContentFolder(content: string | undefined, io: CliIo): string {
  if (content !== undefined) return resolve(io.cwd, content);
  return runsInsideContentFolder(io) ? io.cwd : resolve(io.cwd, 'content');
}

/** What add and import say of the display names (`Name <address>`) they dropped: a record holds an address only. `of`: whose. */
function namesNotKept(of: string): string {
  return `the store keeps addresses only: the display name of ${of} was not kept`;
}

/** The site's tags that `given` names, or a UsageError naming those it does not, with the site's tags. */
async function siteTags(given: string[], content: Store): Promise<Tag[]> {
  if (given.length === 0) return [];
  // The content's reader (Markdown, HTML) loads only for --tags: the other actions never read an entry.
  const [{ scanContent }, { loadContent }] = await Promise.all([import('../../lib/content/contentScan.js'), import('../../lib/content/loadContent.js')]);
  const { site, entries } = await loadContent(await scanContent(content), { allowNoEntries: true });
  const chosen = chosenTags(given, site, entries);
  if (chosen.ok) return chosen.tags;
  const names = chosen.known.map((tag) => tag.name);
  const listed = names.length === 0 ? 'it has none yet' : `its tags: ${names.slice(0, 30).join(', ')}${names.length > 30 ? `, and ${names.length - 30} more` : ''}`;
  throw new UsageError(`subscribers add: --tags: ${chosen.unknown.map((name) => JSON.stringify(name)).join(', ')} ${chosen.unknown.length === 1 ? 'is no tag' : 'are no tags'} of the site in ${content.description} (${listed}); nothing was written`);
}
