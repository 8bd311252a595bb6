/**
 * A small XML reader for the parts of an organisation's deck template: one left-to-right pass
 * (linear in the input, so no part can make it scan from every tag to the end, as the regexes
 * it replaces did: issue 31), element names, attributes and source offsets only, with limits.
 * DTDs are refused outright (the package format forbids them, and they are how entity bombs
 * arrive); so is anything not well-formed, since PowerPoint would refuse it too.
 */

/** An element: its qualified name, attributes (entities decoded), children and source span. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Offset of its "<" in the source. */
  start: number;
  /** Offset just past its start tag's ">". */
  openEnd: number;
  /** Offset just past its closing ">" (its end tag's, or its own when self-closing). */
  end: number;
}

/** A part that is not XML the decks can take: `offset` is where the reader stopped. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Far beyond any real master or layout (hundreds of elements, depth under 30). */
export const XML_LIMITS = { maxDepth: 200, maxElements: 500_000 };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; any other is an error. */
function decode(value: string, at: number): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{1,8});/g, (all, ref: string) => {
    if (ref[0] !== '#') {
      const named = ENTITIES[ref];
      if (named === undefined) throw new XmlError(`uses an undeclared entity ${all}`, at);
      return named;
    }
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    if (code > 0x10ffff) throw new XmlError(`has a character reference out of range ${all}`, at);
    return String.fromCodePoint(code);
  });
}

/** Attributes of a start tag's inside (after the name); one sticky pass. */
function attributes(inside: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /\s*([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  let i = 0;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(inside);
    if (!m) break;
    attrs[m[1] as string] = decode(m[2] ?? m[3] ?? '', at);
    i = re.lastIndex;
  }
  if (inside.slice(i).trim() !== '') throw new XmlError('has a malformed start tag', at);
  return attrs;
}

/** Where the tag opened at `from` ends ('>' outside quotes), or -1. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}

const skip = (xml: string, from: number, close: string, what: string): number => {
  const at = xml.indexOf(close, from);
  if (at < 0) throw new XmlError(`has ${what} that is never closed`, from);
  return at + close.length;
};

/** Parses `xml` into its root element, or throws an XmlError saying what and where. */
export function parseXml(xml: string, limits = XML_LIMITS): XmlElement {
  const root: XmlElement = {
    name: '',
    attrs: {},
    children: [],
    start: 0,
    openEnd: 0,
    end: xml.length,
  };
  const stack: XmlElement[] = [root];
  let count = 0;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const next = xml[lt + 1];
    if (next === '?') i = skip(xml, lt + 2, '?>', 'a processing instruction');
    else if (xml.startsWith('<!--', lt)) i = skip(xml, lt + 4, '-->', 'a comment');
    else if (xml.startsWith('<![CDATA[', lt)) i = skip(xml, lt + 9, ']]>', 'a CDATA section');
    else if (next === '!')
      throw new XmlError('has a DOCTYPE (DTD) declaration, which the package format forbids', lt);
    else {
      const gt = tagEnd(xml, lt + 1);
      if (gt < 0) throw new XmlError('has a tag that is never closed', lt);
      const top = stack[stack.length - 1] as XmlElement;
      if (next === '/') {
        const name = xml.slice(lt + 2, gt).trim();
        if (stack.length === 1 || top.name !== name)
          throw new XmlError(`has an end tag </${name}> that matches no open element`, lt);
        top.end = gt + 1;
        stack.pop();
      } else {
        const selfClosing = xml[gt - 1] === '/';
        const inside = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
        const name = /^[^\s/>]+/.exec(inside)?.[0] ?? '';
        if (!name) throw new XmlError('has a tag without a name', lt);
        if (++count > limits.maxElements)
          throw new XmlError(`has more than ${limits.maxElements} elements`, lt);
        const el: XmlElement = {
          name,
          attrs: attributes(inside.slice(name.length), lt),
          children: [],
          start: lt,
          openEnd: gt + 1,
          end: gt + 1,
        };
        top.children.push(el);
        if (!selfClosing) {
          if (stack.length > limits.maxDepth)
            throw new XmlError(`nests elements more than ${limits.maxDepth} deep`, lt);
          stack.push(el);
        }
      }
      i = gt + 1;
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1] as XmlElement;
    throw new XmlError(`has an element <${open.name}> that is never closed`, open.start);
  }
  const first = root.children[0];
  if (!first || root.children.length > 1)
    throw new XmlError('is not one XML document (it needs exactly one root element)', 0);
  return first;
}

/** Every element below `el` (not `el` itself) in document order, not entering `stop` ones. */
export function descendants(el: XmlElement, stop?: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const todo = [...el.children].reverse();
  while (todo.length) {
    const e = todo.pop() as XmlElement;
    out.push(e);
    if (!stop?.(e))
      for (let k = e.children.length - 1; k >= 0; k--) todo.push(e.children[k] as XmlElement);
  }
  return out;
}

/** The first element named `name` below `el`, in document order. */
export const first = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el ? descendants(el).find((e) => e.name === name) : undefined;

/** Escapes text for an attribute value. */
export const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');
