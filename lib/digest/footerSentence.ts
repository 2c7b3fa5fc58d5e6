import type { DigestModel } from './digestModel.js';
import { digestInSentence } from '../shared/digestName.js';
import { fullStop } from './fullStop.js';

/** How a part writes the typed names in its footer's sentence: the site's title (linked, in HTML) and a topic's. */
export interface FooterNames {
  title: (text: string) => string;
  topic: (text: string) => string;
}

/**
 * The footer's first sentence, in the same words in both parts (renderDigestText, renderDigestHtml): in the email,
 * why it came ("You receive this email because you subscribed to the weekly digest of {title}, for the entries tagged
 * {topics}."); in the archive, what it is ("The weekly digest of {title}."). Its full stop is none after typed text
 * that ends in its own (fullStop).
 */
export function footerSentence(model: Pick<DigestModel, 'site' | 'topics'>, variant: 'email' | 'archive', names: FooterNames): string {
  const { title } = model.site;
  if (variant === 'archive') return `${digestInSentence(title, names.title, true)}${fullStop(title)}`;
  const topics = model.topics ?? [];
  const tagged = topics.length > 0 ? `, for the entries tagged ${topics.map(names.topic).join(', ')}` : '';
  return `You receive this email because you subscribed to ${digestInSentence(title, names.title)}${tagged}${fullStop(topics.at(-1) ?? title)}`;
}
