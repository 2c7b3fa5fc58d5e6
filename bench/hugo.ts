import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Hugo's version line, or undefined when `hugo` is not installed. */
export function hugoVersion(): string | undefined {
  const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Writes a Hugo site that builds the same corpus into RSS only: the home feed and one feed per tag, `limit`
 * items each, with the full rendered content in each item (as Broadsheet's feeds carry it).
 * Regular pages are listed but never rendered (`_build.render: never`); every other kind is disabled.
 *
 * The one change to the entries: Hugo reserves the `url:` front-matter field for the page's own path and
 * refuses absolute URLs there, so the copy names it `link:`. The copy is made here, outside the timed runs.
 */
export function writeHugoSite(contentDir: string, siteDir: string, options: { baseUrl: string; title: string; limit: number; timezone: string }): void {
  const source = join(contentDir, 'entries');
  const target = join(siteDir, 'content');
  const made = new Set<string>();
  for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(target, relative(source, from));
    const folder = dirname(to);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(to, readFileSync(from, 'utf8').replace(/^url: /m, 'link: '));
  }
  writeFileSync(
    join(siteDir, 'config.yaml'),
    [
      `baseURL: ${options.baseUrl}`,
      `title: ${JSON.stringify(options.title)}`,
      'languageCode: en',
      `timeZone: ${options.timezone}`,
      'publishDir: public',
      // 'taxonomy' is the /tags/ list itself; 'term' (one per tag) stays on.
      "disableKinds: [section, taxonomy, sitemap, robotsTXT, '404']",
      'ignoreErrors: [error-disable-taxonomy]',
      'outputs:',
      '  home: [RSS]',
      '  term: [RSS]',
      '  page: []',
      'taxonomies:',
      '  tag: tags',
      'services:',
      '  rss:',
      `    limit: ${options.limit}`,
      'cascade:',
      '  - _target:',
      '      kind: page',
      '    _build:',
      '      render: never',
      '      list: always',
      '',
    ].join('\n'),
  );
  mkdirSync(join(siteDir, 'layouts', '_default'), { recursive: true });
  writeFileSync(
    join(siteDir, 'layouts', '_default', 'rss.xml'),
    `{{- $pages := .RegularPages -}}{{- if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end -}}
{{- $limit := .Site.Config.Services.RSS.Limit -}}{{- if ge $limit 1 }}{{ $pages = $pages | first $limit }}{{ end -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>{{ .Site.Title }}{{ if not .IsHome }}: {{ .Title }}{{ end }}</title>
    <link>{{ .Permalink }}</link>
    <description>{{ .Site.Title }}</description>
    <language>{{ .Site.LanguageCode }}</language>
    {{- range $pages }}
    <item>
      <title>{{ .Title }}</title>
      <link>{{ .Params.link }}</link>
      <guid isPermaLink="false">{{ .File.Path }}</guid>
      <pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
      {{- range .Params.tags }}<category>{{ . }}</category>{{ end }}
      <description>{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary | plainify }}{{ end }}</description>
      <content:encoded>{{ printf "<![CDATA[%s]]>" .Content | safeHTML }}</content:encoded>
    </item>
    {{- end }}
  </channel>
</rss>
`,
  );
}
