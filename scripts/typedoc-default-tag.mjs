// @ts-check
/**
 * TypeDoc plugin (typedoc.json `plugin`): renders `@default` tags the way the aws-cdk-lib
 * reference reads them, for both forms this project writes:
 *
 * - a literal value (`@default 30`, `@default ['ikev2']`, `@default AwsDpdTimeoutAction.RESTART`)
 *   becomes a code span;
 * - a description (`@default - the construct id`: no literal default, the text says what happens)
 *   stays text, without its leading dash (which markdown would turn into a list).
 *
 * TypeDoc's own JSDoc compatibility (`jsDocCompatibility.defaultTag`, turned off in typedoc.json)
 * puts one-line tags in a fenced code block and leaves tags with backticks as markdown, so the
 * same convention came out three different ways.
 */
import { Converter } from 'typedoc';

/** @param {import('typedoc').CommentDisplayPart[]} content */
function render(content) {
  const text = content.map((part) => part.text).join('').trim();
  if (/^-(\s|$)/.test(text)) {
    const [first, ...rest] = content;
    if (first.kind !== 'text') return content;
    return [{ ...first, text: first.text.replace(/^\s*-\s*/, '') }, ...rest];
  }
  if (text === '' || content.some((part) => part.kind !== 'text')) return content;
  return [{ kind: 'code', text: `\`${text.replace(/\s+/g, ' ')}\`` }];
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      const comment = reflection.comment;
      if (!comment) continue;
      for (const tag of comment.blockTags) {
        if (tag.tag === '@default' || tag.tag === '@defaultValue') tag.content = render(tag.content);
      }
    }
  });
}
