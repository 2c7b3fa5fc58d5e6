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

export type LanguageCheck = { ok: true; tag: string } | { ok: false; message: string; fix: string };

const FIX = 'write a registered BCP 47 tag such as en, en-GB, ko or zh-Hant-TW';

/** A site's `language`, canonicalised (RFC 5646 §4.5) and checked against the registered primary subtags. */
export function languageTag(value: string): LanguageCheck {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(value)[0]!;
  } catch {
    return { ok: false, message: `${JSON.stringify(value)} is not a BCP 47 language tag`, fix: FIX };
  }
  const primary = tag.split('-')[0]!;
  if (!PRIMARY_SUBTAGS.has(primary)) return { ok: false, message: `${JSON.stringify(value)} is not a registered language (${JSON.stringify(primary)} is no ISO 639 code the feed validators know)`, fix: FIX };
  return { ok: true, tag };
}
