/**
 * What a run's error means to an editor, in plain words: the kind of problem and, where the error's message may not
 * say it, what to do. Records and `--json` keep the error's class name (`ContentError`), which scripts match on.
 */
export interface ErrorWords {
  what: string;
  todo?: string;
}

const AGAIN_SCHEDULED = 'run it again; a scheduled run retries by itself';

const WORDS: Record<string, ErrorWords> = {
  ContentError: { what: 'invalid content', todo: 'fix the problems listed, then run it again; broadsheet check lists them all' },
  IdChangeError: { what: 'published entries would get new ids', todo: 'give each entry the id: its problem names, or run again with --allow-id-change' },
  UsageError: { what: 'the request was refused' },
  OtherSiteError: { what: "the output holds another site's publish" },
  // Its message names what is in the way and the fix; nothing was written, so nothing is to finish.
  OutputBlockedError: { what: 'a file or folder in the output was in the way' },
  UnclaimedFilesError: { what: 'the output holds files no publish wrote' },
  RunRefusedError: { what: 'the run was refused' },
  ConfigError: { what: 'a setting is missing or wrong', todo: 'correct it as the message says, then run it again' },
  ParameterError: { what: 'a deployment parameter could not be read' },
  StoreError: { what: 'reading or writing the store failed', todo: AGAIN_SCHEDULED },
  ObjectTooLargeError: { what: 'a stored file is too large to read' },
  // A guard around `feed` or buildSite's check of the builders tripped: content reaches them cleaned and checked, so
  // a code fault, and the same content fails again.
  RenderError: { what: 'the output could not be built safely', todo: 'a fault in Broadsheet, not in the content: report it with this message' },
  // Each message names what is taken and gives the fix; running it again would fail the same way.
  TakenError: { what: 'the new entry clashes with one already there' },
  // Its message says a retry publishes and sends: a todo here would say it twice.
  PublishBusyError: { what: 'the digest could not publish its week' },
  PublishLockedError: { what: 'another publish held the lock', todo: `${AGAIN_SCHEDULED} (broadsheet status shows when the other ends)` },
  ArchiveError: { what: "the digest's archive was not ready to send" },
  EarlierNowError: { what: '--now was earlier than the last publish' },
  // Its message says what the stop left and what to do (cli/interrupt.ts): a todo here would say it twice.
  InterruptedError: { what: 'interrupted' },
  DeadlineError: { what: "the function's time ran out", todo: 'its retry resumes the run' },
  DeliveryError: { what: 'some recipients failed', todo: 'digest --send again retries those the mail server refused' },
  DeliveryStoppedError: { what: 'the send stopped early', todo: 'digest --send again (or the function\'s retry) sends to the rest, nobody twice' },
};

/** The plain words for an error's class name as a run record keeps it; a name Broadsheet does not know is said as one. */
export function errorWords(name: string | undefined): ErrorWords {
  const known = name === undefined ? undefined : Object.hasOwn(WORDS, name) ? WORDS[name] : undefined;
  return known ?? { what: `an unexpected error${name && name !== 'Error' ? ` (${name})` : ''}`, todo: 'see the logs of this run and run it again' };
}
