/**
 * Whether an image is decoration rather than news content: marked so (`role="presentation"`, `aria-hidden`), an
 * icon by its size or its file name. Such images need `alt=""` and no caption.
 */
import type { BodyImage } from '../../body';

/** File names of icons, logos, spacers, tracking pixels and zoom buttons. */
const ICON_NAME = /(^|[\W_])(icon|icons|logo|zoom|spacer|pixel|blank|transparent|sprite|badge|avatar|emoji)([\W_]|$)/i;
const ICON_FOLDER = /^(icons?|emojis?|sprites?|badges?|logos?)$/i;
const SMALL = 64;

function size(image: BodyImage, name: 'width' | 'height'): number | undefined {
  const value = image.attribute(name)?.value;
  const n = value ? parseFloat(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
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
  const segments = (image.attribute('src')?.value ?? '').split(/[?#]/)[0].split('/');
  const file = segments.pop() ?? '';
  // A file in a folder of icons (`/icons/share.png`, `/emoji/smile.png`) is one too.
  return ICON_NAME.test(file) || ICON_FOLDER.test(segments.pop() ?? '') || namedLike(file, extraNames);
}
