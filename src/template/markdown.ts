/**
 * Prose is Markdown, read with marked's lexer (never parsed by hand) and turned into a small
 * block model that every renderer understands: headings, paragraphs, lists and quotes made
 * of styled runs. Raw HTML is refused: prose is text, not markup.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { isWebLink, LINK_RULE } from '../dataset/links.js';

/** A run of text with one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: string;
}

/** One block of prose. */
export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; items: Run[][] }
  | { kind: 'quote'; runs: Run[] };

interface Style {
  bold?: boolean;
  italic?: boolean;
  link?: string;
}

function inline(tokens: Token[] | undefined, style: Style, out: Run[]): Run[] {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        inline((t as Tokens.Strong).tokens, { ...style, bold: true }, out);
        break;
      case 'em':
        inline((t as Tokens.Em).tokens, { ...style, italic: true }, out);
        break;
      case 'link': {
        const href = (t as Tokens.Link).href;
        if (!isWebLink(href))
          throw new Error(`the link to ${JSON.stringify(href)} is refused; ${LINK_RULE}`);
        inline((t as Tokens.Link).tokens, { ...style, link: href }, out);
        break;
      }
      case 'codespan':
        out.push({ text: (t as Tokens.Codespan).text, ...style });
        break;
      case 'br':
        out.push({ text: '\n', ...style });
        break;
      case 'html':
        throw new Error(
          `raw HTML is not allowed in prose: ${JSON.stringify((t as Tokens.HTML).raw.trim())}`,
        );
      case 'text':
      case 'escape': {
        const tt = t as Tokens.Text;
        if (tt.tokens && tt.tokens.length > 0) inline(tt.tokens, style, out);
        else out.push({ text: decodeEntities(tt.text), ...style });
        break;
      }
      default:
        out.push({ text: decodeEntities((t as { raw: string }).raw), ...style });
    }
  }
  return out;
}

/** marked escapes &, <, >, " and ' in text tokens; prose wants the characters back. */
function decodeEntities(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _,
  );
}

/** Joins adjacent runs of the same style and folds soft line breaks into spaces. */
function tidy(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const text = r.text.replace(/[ \t]*\n[ \t]*/g, ' ');
    const prev = out[out.length - 1];
    if (prev && prev.bold === r.bold && prev.italic === r.italic && prev.link === r.link)
      prev.text += text;
    else out.push({ ...r, text });
  }
  return out.filter((r) => r.text !== '');
}

/** Parses Markdown into blocks. Throws on constructs prose may not use. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading':
          blocks.push({
            kind: 'heading',
            level: (t as Tokens.Heading).depth,
            runs: tidy(inline((t as Tokens.Heading).tokens, {}, [])),
          });
          break;
        case 'paragraph':
          blocks.push({
            kind: 'paragraph',
            runs: tidy(inline((t as Tokens.Paragraph).tokens, {}, [])),
          });
          break;
        case 'list': {
          const l = t as Tokens.List;
          blocks.push({
            kind: 'list',
            ordered: l.ordered,
            items: l.items.map((item) =>
              tidy(
                inline(
                  item.tokens.flatMap((x) => ('tokens' in x && x.tokens ? x.tokens : [x])),
                  {},
                  [],
                ),
              ),
            ),
          });
          break;
        }
        case 'blockquote':
          blocks.push({
            kind: 'quote',
            runs: tidy(
              inline(
                (t as Tokens.Blockquote).tokens.flatMap((x) =>
                  'tokens' in x && x.tokens ? x.tokens : [],
                ),
                {},
                [],
              ),
            ),
          });
          break;
        case 'space':
        case 'hr':
          break;
        case 'html':
          throw new Error(
            `raw HTML is not allowed in prose: ${JSON.stringify((t as Tokens.HTML).raw.trim())}`,
          );
        default:
          throw new Error(`Markdown "${t.type}" blocks are not supported in prose`);
      }
    }
  };
  walk(new Lexer({ gfm: true }).lex(source));
  return blocks;
}

/** The plain text of runs. */
export function plainText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}
