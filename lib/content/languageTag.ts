import { characterName } from '../shared/characterName.js';
import { INVISIBLE } from '../shared/invisible.js';
/**
 * The primary language subtags a site may use: ISO 639 codes that are registered BCP 47 subtags in their
 * canonical form (the IANA Language Subtag Registry, as Intl.getCanonicalLocales and ICU know it) and that the
 * W3C feed validator accepts (its iso639codes list; it reports any other as InvalidLanguage in every feed).
 * tests/unit/content/languageTag.test.ts checks each against ICU.
 */
const PRIMARY_SUBTAGS = new Set(
  (
  'aa ab ace ach ada ady ae af afh ain ak akk ale alt am an ang anp ar arc arn arp arw as ast av awa ay az ba ' +
  'bal ban bas be bej bem bg bh bho bi bik bin bla bm bn bo br bra bs bua bug byn ca cad car ce ceb ch chb chg ' +
  'chk chm chn cho chp chr chy co cop cr crh cs csb cu cv cy da dak dar de del den dgr din doi dsb dua dum dv ' +
  'dyu dz ee efi egy eka el elx en enm eo es et eu ewo fa fan ff fi fil fj fo fon fr frm fro frr frs fur fy ga ' +
  'gaa gay gba gd gez gil gl gmh gn goh gon gor got grb grc gsw gu gv gwi ha hai haw he hi hil hit hmn ho hr ' +
  'hsb ht hu hup hy hz ia iba id ie ig ii ik ilo inh io is it iu ja jbo jpr jrb jv ka kaa kab kac kam kaw kbd ' +
  'kg kha kho ki kj kk kl km kmb kn ko kok kos kpe kr krc krl kru ks ku kum kut kv kw ky la lad lah lam lb lez ' +
  'lg li ln lo lol loz lt lu lua lui lun luo lus lv mad mag mai mak man mas mdf mdr men mg mga mh mi mic min ' +
  'mk ml mn mnc mni moh mos mr ms mt mul mus mwl mwr my myv na nap nb nd nds ne new ng nia niu nl nn no nog ' +
  'non nr nso nv nwc ny nym nyn nyo nzi oc oj om or os osa ota pa pag pal pam pap pau peo phn pi pl pon pro ps ' +
  'pt qu raj rap rar rm rn ro rom ru rup rw sa sad sah sam sas sat sc scn sco sd se sel sg sga shn si sid sk ' +
  'sl sm sma smj smn sms sn snk so sog sq sr srn srr ss st su suk sus sux sv sw syr ta te tem ter tet tg th ti ' +
  'tig tiv tk tkl tlh tli tmh tn to tog tpi tr ts tsi tt tum tvl tw ty tyv udm ug uga uk umb ur uz vai ve vi ' +
  'vo vot wa wal war was wo xal xh yao yap yi yo za zap zen zh zu zun'
  ).split(' '),
);

/**
 * The grandfathered tags (RFC 5646 §2.2.8) that ICU cannot read, each with its Preferred-Value in the IANA Language
 * Subtag Registry, or null where it has none. The list is closed: no tag is grandfathered any more. The others
 * (art-lojban, cel-gaulish, zh-guoyu, zh-hakka, zh-xiang) ICU maps to their preferred value, as it maps iw to he.
 */
const GRANDFATHERED = new Map<string, string | null>([
  ['en-gb-oed', 'en-GB-oxendict'], ['i-ami', 'ami'], ['i-bnn', 'bnn'], ['i-default', null], ['i-enochian', null],
  ['i-hak', 'hak'], ['i-klingon', 'tlh'], ['i-lux', 'lb'], ['i-mingo', null], ['i-navajo', 'nv'], ['i-pwn', 'pwn'],
  ['i-tao', 'tao'], ['i-tay', 'tay'], ['i-tsu', 'tsu'], ['no-bok', 'nb'], ['no-nyn', 'nn'], ['sgn-be-fr', 'sfb'],
  ['sgn-be-nl', 'vgt'], ['sgn-ch-de', 'sgg'], ['zh-min', null], ['zh-min-nan', 'nan'],
]);

/** The registered extensions (the IANA extension registry): -u- (RFC 6067) and -t- (RFC 6497). */
const REGISTERED_EXTENSIONS = new Set(['u', 't']);

/** A language subtag followed by what may be an extended language subtag (RFC 5646 §2.2.2): three letters, second. */
const EXTLANG = /^([a-z]{2,3})-([a-z]{3})(?=-|$)/i;

/**
 * The extended language subtags by the Prefix each is registered with, from the IANA Language Subtag Registry
 * (File-Date 2025-03-10); each one's Preferred-Value is itself. Any other pair (fr-eng, en-usa) is no tag at all.
 * tests/unit/content/languageTag.test.ts checks the table against the registry the Nu HTML checker carries.
 */
const EXTLANGS: Readonly<Record<string, string>> = {
  ar: 'aao abh abv acm acq acw acx acy adf aeb aec afb ajp apc apd arb arq ars ary arz auz avl ayh ayl ayn ayp bbz pga shu ssh',
  kok: 'gom knn',
  lv: 'ltg lvs',
  ms: 'bjn btj bve bvu coa dup hji jak jax kvb kvr kxd lce lcf liw max meo mfa mfb min mqg msi mui orn ors pel pse tmw urk vkk vkt xmm zlm zmi zsm',
  sgn:
    'ads aed aen afg ajs ase asf asp asq asw bfi bfk bog bqn bqy bvl bzs cds csc csd cse csf csg csl csn csq csr csx doq dse dsl dsz ecs ehs esl esn eso eth fcs fse fsl fss gds gse gsg gsm gss gus hab haf hds hks hos hps hsh hsl icl iks ils inl ins ise isg isr jcs jhs jks jls jos jsl jus kgi kvk lbs lgs lls lsb lsc lsg lsl lsn lso lsp lst lsv lsw lsy lws mdl mfs mre msd msr mzc mzg mzy nbs ncs nsi nsl nsp nsr nzs okl pgz pks prl prz psc psd psg psl pso psp psr pys rib rms rnb rsi rsl rsm rsn sdl sfb sfs sgg sgx slf sls sqk sqs sqx ssp ssr svk swl syy szs tse tsm tsq tss tsy tza ugn ugy ukl uks vgt vsi vsl vsv wbs xki xml xms yds ygs yhs ysl ysm zib zsl',
  sw: 'swc swh',
  uz: 'uzn uzs',
  zh: 'cdo cjy cmn cnp cpx csp czh czo gan hak hnm hsn luh lzh mnp nan sjc wuu yue',
};

/** The registered extended language subtags, each with the prefix it is registered under. */
const EXTLANG_PREFIXES: ReadonlyMap<string, string> = new Map(Object.entries(EXTLANGS).flatMap(([prefix, subtags]) => subtags.split(' ').map((subtag) => [subtag, prefix] as const)));

export type LanguageCheck = { ok: true; tag: string } | { ok: false; message: string; fix: string };

const FIX = 'write a registered BCP 47 tag such as en, en-GB, ko or zh-Hant-TW';

/** A site's `language`, canonicalised (RFC 5646 §4.5) and checked against the registered primary subtags. */
export function languageTag(value: string): LanguageCheck {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(value)[0]!;
  } catch {
    return olderForm(value) ?? unseenInTag(value) ?? { ok: false, message: `${JSON.stringify(value)} is not a BCP 47 language tag`, fix: FIX };
  }
  const primary = tag.split('-')[0]!;
  if (!PRIMARY_SUBTAGS.has(primary)) return { ok: false, message: `${JSON.stringify(value)} ${unlistedLanguage(primary)}`, fix: FIX };
  const refused = partsNuRefuses(tag);
  if (refused.reasons.length > 0) {
    return {
      ok: false,
      message: `${JSON.stringify(value)} has what the Nu HTML checker refuses on every page: ${refused.reasons.join('; ')}`,
      fix: `remove ${refused.reasons.length === 1 ? 'it' : 'them'}: write ${refused.kept}`,
    };
  }
  return { ok: true, tag };
}

/** The language's English name, as ICU knows it; undefined for a code it does not. */
function languageName(code: string): string | undefined {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code);
  } catch {
    return undefined;
  }
}

function unlistedLanguage(primary: string): string {
  const name = languageName(primary);
  return name === undefined
    ? `is not a registered language (${JSON.stringify(primary)} is no ISO 639 code the feed validators know)`
    : `names ${name} (${JSON.stringify(primary)}), which the W3C feed validator does not know: it would call every feed's language invalid (InvalidLanguage)`;
}

/**
 * `tag` (canonical) without the parts the Nu checker refuses, and why each is refused: an extension not registered,
 * and a private-use subtag of one character (RFC 5646 §2.2.7 allows it; the checker wants two to eight).
 */
function partsNuRefuses(tag: string): { kept: string; reasons: string[] } {
  const subtags = tag.split('-');
  const kept: string[] = [];
  const reasons: string[] = [];
  let dropping: string[] | undefined;
  const dropped = () => {
    if (dropping !== undefined) reasons.push(`the extension -${dropping.join('-')} (only -u-, RFC 6067, and -t-, RFC 6497, are registered)`);
    dropping = undefined;
  };
  for (let i = 0; i < subtags.length; i++) {
    const subtag = subtags[i]!;
    if (subtag === 'x') {
      dropped();
      const privateUse = subtags.slice(i + 1);
      for (const part of privateUse) if (part.length === 1) reasons.push(`the private-use subtag ${part} (one character)`);
      const longer = privateUse.filter((part) => part.length > 1);
      if (longer.length > 0) kept.push('x', ...longer);
      break;
    }
    if (subtag.length === 1) {
      dropped();
      if (!REGISTERED_EXTENSIONS.has(subtag)) dropping = [];
    }
    if (dropping === undefined) kept.push(subtag);
    else dropping.push(subtag);
  }
  dropped();
  return { kept: kept.join('-'), reasons };
}

/**
 * The languages of the registry's Preferred-Values these tables give (`yue`, `tlh`, `nan`): registered, though the
 * feed validator may not know them.
 */
const TABLE_LANGUAGES = new Set([...EXTLANG_PREFIXES.keys(), ...[...GRANDFATHERED.values()].flatMap((preferred) => (preferred ? [preferred.split('-')[0]!] : []))]);

/**
 * A `lang` attribute's tag in an entry's body, as the pages write it (RFC 5646 §4.5): canonical, as the site's
 * (languageTag), and a grandfathered tag or one with an extended language subtag as the registry's Preferred-Value
 * (`i-klingon` → `tlh`, `zh-yue` → `yue`). Such a value is kept though the feed validator does not know its language,
 * which only a feed's own language must be; the Nu checker knows it. Undefined for one that names no registered language.
 */
export function bodyLanguageTag(value: string): string | undefined {
  const checked = languageTag(value);
  if (checked.ok) return checked.tag;
  const older = olderFormOf(value);
  const preferred = older === undefined || older.kind === 'misplaced' ? value : (older.preferred ?? value);
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(preferred)[0]!;
  } catch {
    return undefined;
  }
  // ICU may write the preferred value as a language the validator knows (cmn → zh).
  const again = languageTag(tag);
  if (again.ok) return again.tag;
  return TABLE_LANGUAGES.has(tag.split('-')[0]!) && partsNuRefuses(tag).reasons.length === 0 ? tag : undefined;
}

/**
 * A registered tag in a form ICU cannot read, with its Preferred-Value (RFC 5646 §4.5): a grandfathered tag (null where
 * the registry gives none); an extended language subtag, with the language it is written under; or an extended
 * language subtag after a language other than the one it is registered under (`en-yue`), with that one. Undefined
 * for anything else (fr-eng: eng is no extended language subtag).
 */
type OlderForm =
  | { kind: 'grandfathered'; preferred: string | null }
  | { kind: 'extlang'; preferred: string; macrolanguage: string }
  | { kind: 'misplaced'; preferred: string; subtag: string; prefix: string; written: string; rest: string };

function olderFormOf(value: string): OlderForm | undefined {
  const grandfathered = GRANDFATHERED.get(value.toLowerCase());
  if (grandfathered !== undefined) return { kind: 'grandfathered', preferred: grandfathered };
  const extlang = EXTLANG.exec(value);
  const subtag = extlang?.[2]!.toLowerCase();
  const prefix = subtag === undefined ? undefined : EXTLANG_PREFIXES.get(subtag);
  if (extlang === null || subtag === undefined || prefix === undefined) return undefined;
  const rest = value.slice(extlang[0].length);
  const preferred = `${subtag}${rest}`;
  try {
    Intl.getCanonicalLocales(preferred);
  } catch {
    return undefined;
  }
  const written = extlang[1]!.toLowerCase();
  if (written !== prefix) return { kind: 'misplaced', preferred, subtag, prefix, written, rest };
  return { kind: 'extlang', preferred, macrolanguage: `${written}${rest}` };
}

/** A tag olderFormOf finds, refused with its preferred value. */
function olderForm(value: string): LanguageCheck | undefined {
  const quoted = JSON.stringify(value);
  const older = olderFormOf(value);
  if (older === undefined) return undefined;
  if (older.kind === 'grandfathered') {
    const message = `${quoted} is a grandfathered BCP 47 tag (RFC 5646 §2.2.8), which the date and text-direction rules of the pages (ICU) cannot read`;
    return { ok: false, message, fix: older.preferred ? preferredFix(older.preferred) : `the registry gives it no preferred value: ${FIX}` };
  }
  if (older.kind === 'misplaced') {
    const { subtag, prefix, written, rest } = older;
    const name = languageName(subtag);
    const message = `${quoted} is not a BCP 47 language tag: ${subtag}${name === undefined ? '' : ` (${name})`} is an extended language subtag registered under ${prefix} alone (RFC 5646 §2.2.2), not under ${written}`;
    return { ok: false, message, fix: preferredFix(older.preferred, `${prefix}${rest}`, `${prefix}-${subtag}${rest}`) };
  }
  const message = `${quoted} has an extended language subtag (RFC 5646 §2.2.2), a form the date and text-direction rules of the pages (ICU) cannot read`;
  return { ok: false, message, fix: preferredFix(older.preferred, older.macrolanguage) };
}

/**
 * Write `preferred` (the preferred value of `registered`, else of the tag written), or, where the feed validator would
 * refuse it, `macrolanguage` (an extended language's prefix: the one it is registered under where `registered` is
 * given, as the tag was written under another, else the one it is written under).
 */
function preferredFix(preferred: string, macrolanguage?: string, registered?: string): string {
  const fix = `write ${preferred}, ${registered === undefined ? 'its preferred value' : `the preferred value of ${registered}`} in the IANA registry`;
  const checked = languageTag(preferred);
  if (checked.ok) return fix;
  const broader = macrolanguage === undefined ? undefined : languageTag(macrolanguage);
  return `${fix}, though the W3C feed validator does not know it (InvalidLanguage in every feed)${broader?.ok ? `; or write ${broader.tag}, the language it is ${registered === undefined ? 'written' : 'registered'} under` : `: ${FIX}`}`;
}

// A character a reader cannot see or tell from a space (INVISIBLE, white space), pasted with the tag.
let unseenPattern: RegExp | undefined;

/**
 * The problem of a tag that holds such characters: each named, and the value shown with them escaped (`"en\u200b"`),
 * as printed raw the tag would read as a valid one. Undefined when it holds none.
 */
function unseenInTag(value: string): LanguageCheck | undefined {
  unseenPattern ??= new RegExp(`[\\s${INVISIBLE}]`, 'gu');
  const unseen = [...new Set(value.match(unseenPattern))];
  if (unseen.length === 0) return undefined;
  const shown = JSON.stringify(value).replace(unseenPattern, (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  const bare = value.replace(unseenPattern, '');
  return { ok: false, message: `${shown} is not a BCP 47 language tag: it holds ${unseen.map(characterName).join(' and ')}, which readers cannot see or tell from a space`, fix: bare !== '' && languageTag(bare).ok ? `retype it: language: ${bare}` : FIX };
}
