import MarkdownIt from 'markdown-it';

// Raw HTML is allowed in the Markdown and then sanitised; typographer stays off so text reads back as typed. One parser
// for the render and the summary, so that both read a body alike.
export const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

export type MarkdownToken = ReturnType<typeof markdown.parse>[number];
