import type { AdfNode } from './jira-model';

/** A document of plain paragraphs: blank lines separate paragraphs, single newlines become hard breaks. */
export function textToAdf(text: string): AdfNode {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n\n')
      .filter((p) => p !== '')
      .map((paragraph) => ({
        type: 'paragraph',
        content: paragraph.split('\n').flatMap((line, i): AdfNode[] => {
          const text: AdfNode[] = line === '' ? [] : [{ type: 'text', text: line }];
          return i === 0 ? text : [{ type: 'hardBreak' }, ...text];
        }),
      })),
  };
}

/**
 * Jira validates rich-text fields of REST v3: the value must be an ADF `doc` (version 1) whose
 * nodes all have a type, and text nodes non-empty text.
 */
export function isAdfDocument(value: unknown): value is AdfNode {
  if (!isRecord(value) || value.type !== 'doc' || value.version !== 1 || !Array.isArray(value.content)) {
    return false;
  }
  return value.content.every(isAdfNode);
}

function isAdfNode(value: unknown): boolean {
  if (!isRecord(value) || typeof value.type !== 'string') return false;
  if (value.type === 'text' && (typeof value.text !== 'string' || value.text === '')) return false;
  return value.content === undefined || (Array.isArray(value.content) && value.content.every(isAdfNode));
}

/**
 * Plain text of a document, the way Jira's v2 representation (used by webhooks) shows rich text:
 * paragraphs separated by blank lines.
 */
export function adfToText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'emoji':
    case 'status':
      return String(node.attrs?.text ?? node.attrs?.shortName ?? '');
    case 'inlineCard':
      return String(node.attrs?.url ?? '');
    case 'doc':
      return (node.content ?? []).map(adfToText).join('\n\n');
    case 'bulletList':
      return (node.content ?? []).map((item) => `* ${adfToText(item)}`).join('\n');
    case 'orderedList':
      return (node.content ?? []).map((item, i) => `${i + 1}. ${adfToText(item)}`).join('\n');
    case 'listItem':
      return (node.content ?? []).map(adfToText).join('\n');
    default:
      return (node.content ?? []).map(adfToText).join('');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
