/**
 * Whether an image is decoration rather than news content: marked so (`role="presentation"`, `aria-hidden`), an
 * icon by its size or its file name. Such images need `alt=""` and no caption.
 */
import type { BodyImage } from '../../body';

/** File names of icons, logos, spacers, tracking pixels and zoom buttons. */
const ICON_NAME = /(^|[\W_])(icon|icons|logo|zoom|spacer|pixel|blank|transparent|sprite|badge|avatar|emoji)([\W_]|$)/i;
const ICON_FOLDER = /^(icons?|emojis?|emoticons?|smilies|sprites?|badges?|logos?)$/i;
const SMALL = 64;

/** A size in pixels: `64`, `64px`; not a percentage or another unit. */
function size(image: BodyImage, name: 'width' | 'height'): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(image.attribute(name)?.value ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Emoji and smileys inline in the text (WordPress' `wp-smiley`, a height of one line). */
function isEmoji(image: BodyImage): boolean {
  const className = image.attribute('class')?.value ?? '';
  const style = image.attribute('style')?.value ?? '';
  return /(^|\s)(wp-smiley|emoji|emoticon|smiley)(\s|$)/i.test(className) || /(^|;)\s*(max-)?height\s*:\s*1(\.\d+)?em\b/i.test(style);
}

/** Whether a file name is one of the extra words (`newsdesk: captions: skip:`), matched as whole words. */
function namedLike(file: string, words: readonly string[]): boolean {
  const lower = file.toLowerCase();
  return words.some((word) => {
    const at = lower.indexOf(word.toLowerCase());
    return at !== -1 && !/[a-z0-9]/i.test(lower[at - 1] ?? '') && !/[a-z0-9]/i.test(lower[at + word.length] ?? '');
  });
}

export function isDecoration(image: BodyImage, extraNames: readonly string[] = []): boolean {
  const role = image.attribute('role')?.value.toLowerCase();
  if (role === 'presentation' || role === 'none' || image.attribute('aria-hidden')?.value.toLowerCase() === 'true') return true;
  const width = size(image, 'width');
  const height = size(image, 'height');
  if ((width !== undefined && width <= SMALL) || (height !== undefined && height <= SMALL)) return true;
  if (isEmoji(image)) return true;
  const segments = (image.attribute('src')?.value ?? '').split(/[?#]/)[0].split('/');
  const file = segments.pop() ?? '';
  // A file in a folder of icons (`/icons/share.png`, `/emoji/13.0.0/72x72/2764.png`) is one too.
  return ICON_NAME.test(file) || segments.some((folder) => ICON_FOLDER.test(folder)) || namedLike(file, extraNames);
}
