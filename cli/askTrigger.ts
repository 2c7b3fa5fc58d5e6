import { InterruptedError } from '../lib/shared/errors.js';
import { callTrigger, type TriggerAnswer, type TriggerEndpoint } from './triggerClient.js';

/** What `broadsheet trigger` asks for: a publish, a dry run, a digest archive, or a digest archived and sent. */
export type TriggerRequest = { path: '/publish'; body: { dryRun?: true; allowIdChange?: true } } | { path: '/digest'; body: { week: string; send: boolean } };

/**
 * POSTs the request, cut off by `stop` (Ctrl-C, SIGTERM): stopped before an answer, the request may have reached the
 * trigger or not, so the editor is told that, and how to find out; asking again is safe either way.
 */
export async function askTrigger(endpoint: TriggerEndpoint, request: TriggerRequest, stop: AbortSignal): Promise<TriggerAnswer> {
  try {
    return await callTrigger(endpoint, 'POST', request.path, request.body, stop);
  } catch (error) {
    if (!stop.aborted) throw error;
    throw new InterruptedError(stop.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT', `stopped before the trigger answered: ${unanswered(request)}`);
  }
}

/**
 * What a request the trigger could not answer for (no answer, or a 5xx: it or a service behind it failed, before or
 * after it invoked the function) means for the run: it may or may not have been asked for, and how to find out.
 */
export function unanswered(request: TriggerRequest): string {
  if (request.path === '/publish' && request.body.dryRun) return 'the dry run may or may not have run, and writes nothing either way; broadsheet trigger --dry-run asks again';
  const what = request.path === '/publish' ? 'a publish' : request.body.send ? `the ${request.body.week} digest's send` : `the ${request.body.week} digest's archive`;
  const again =
    request.path === '/publish'
      ? 'asking again is safe: a publish repeats nothing that is done'
      : request.body.send
        ? 'asking again is safe: each subscriber gets the week once'
        : 'asking again is safe: archiving the week again repeats nothing that is done';
  return `${what} may or may not have been asked for; broadsheet status --bucket SITE_BUCKET lists the run once it ends (the trigger's GET /runs too); ${again}`;
}
