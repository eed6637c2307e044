/**
 * A Markdown plugin for lesson MDX: tells the kit components which lesson
 * they sit in, by adding `lesson="<course>/<lesson>"` to `<Quiz>`, `<Case>`,
 * `<Reflection>`, `<Sources>` and `<Term>`, so trainers write just
 * `<Sources />`. Written for Astro's Sätteri processor.
 */
import { fileURLToPath } from 'node:url';
import type { MdastPluginDefinition } from 'satteri';

const COMPONENTS = new Set(['Quiz', 'Case', 'Reflection', 'Sources', 'Term']);

/** `src/content/courses/<course>/lessons/<lesson>.mdx` → `<course>/<lesson>`. */
export function lessonIdFromPath(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const m = /courses[\\/]([^\\/]+)[\\/]lessons[\\/]([^\\/]+)\.mdx?$/.exec(file);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

type JsxNode = { type: string; name: string | null; attributes: readonly { type: string; name?: string }[]; children?: readonly unknown[] };

export const lessonContextPlugin: MdastPluginDefinition = {
  name: 'tyokykyakatemia:lesson-context',
  mdxJsxFlowElement: (node, ctx) => addLesson(node as unknown as JsxNode, ctx),
  mdxJsxTextElement: (node, ctx) => addLesson(node as unknown as JsxNode, ctx),
};

// The visitor returns a copy of the element with one more attribute; the processor puts it in place.
function addLesson(node: JsxNode, ctx: Parameters<NonNullable<MdastPluginDefinition['mdxJsxFlowElement']>>[1]): never | undefined {
  if (!node.name || !COMPONENTS.has(node.name)) return undefined;
  const lesson = lessonIdFromPath(ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined);
  if (!lesson || node.attributes.some((a) => a.name === 'lesson')) return undefined;
  return {
    type: node.type,
    name: node.name,
    attributes: [...node.attributes, { type: 'mdxJsxAttribute', name: 'lesson', value: lesson }],
    children: [...(node.children ?? [])],
  } as never;
}
