import { SaxesParser } from 'saxes';
import { XHTML_ENTITIES } from './xhtml-entities';

/**
 * Checks a page body as Confluence does before storing it: storage format is XHTML, parsed as
 * XML with XHTML's named entities declared and the `ac:`/`ri:`/`at:` prefixes bound by
 * Confluence itself. Malformed markup (an unclosed or mismatched tag, a bare `&` or `<`), an
 * undeclared entity (`&foo;`) and characters XML forbids (C0 controls other than tab, line feed
 * and carriage return) are refused, as Confluence refuses them with 400 "Error parsing xhtml".
 * An unknown macro name is well-formed storage: Confluence stores it and its page shows
 * "Unknown macro", so it is accepted here too (see `isKnownMacro`).
 *
 * Returns undefined when Confluence would accept the body, else its error title.
 */
export function storageFormatProblem(value: string): string | undefined {
  // Fragment mode: a body is a sequence of elements and text, without one root element.
  const parser = new SaxesParser({ fragment: true, xmlns: false, position: true });
  parser.ENTITIES = { ...XHTML_ENTITIES };
  let problem: string | undefined;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.write(value).close();
  return problem === undefined ? undefined : `Error parsing xhtml: ${problem}`;
}

/** Macros Confluence Cloud ships that the app writes or a page here might hold. */
const KNOWN_MACROS = new Set(['chart', 'code', 'expand', 'info', 'jira', 'note', 'panel', 'status', 'tip', 'toc', 'warning', 'excerpt', 'anchor', 'children']);

/** Whether Confluence has the macro; one it lacks is kept in the page and shown as "Unknown macro". */
export function isKnownMacro(name: string): boolean {
  return KNOWN_MACROS.has(name);
}
