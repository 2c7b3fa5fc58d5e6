/**
 * `text` without the run of `char` (one UTF-16 code unit) it ends in: `text.replace(/c+$/, '')`, in one pass. That
 * pattern tries `c+$` from every `c` of a run inside the text, each try to the run's end, so a run of tens of
 * thousands (spaces in a file name, slashes in a URL's path, commas in a srcset) took seconds.
 */
export function withoutTrailing(text: string, char: string): string {
  const code = char.charCodeAt(0);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === code) end--;
  return text.slice(0, end);
}
