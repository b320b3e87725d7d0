/**
 * Whether an image is decoration rather than news content: marked so (`role="presentation"`, `aria-hidden`), an
 * icon by its size or its file name. Such images need `alt=""` and no caption.
 */
import type { BodyImage } from '../../body';

/** File names of icons, logos, spacers, tracking pixels and zoom buttons. */
const ICON_NAME = /(^|[\W_])(icon|icons|logo|zoom|spacer|pixel|blank|transparent|sprite|badge|avatar|emoji)([\W_]|$)/i;
const SMALL = 64;

function size(image: BodyImage, name: 'width' | 'height'): number | undefined {
  const value = image.attribute(name)?.value;
  const n = value ? parseFloat(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function isDecoration(image: BodyImage): boolean {
  const role = image.attribute('role')?.value.toLowerCase();
  if (role === 'presentation' || role === 'none' || image.attribute('aria-hidden')?.value.toLowerCase() === 'true') return true;
  const width = size(image, 'width');
  const height = size(image, 'height');
  if ((width !== undefined && width <= SMALL) || (height !== undefined && height <= SMALL)) return true;
  const file = (image.attribute('src')?.value ?? '').split(/[?#]/)[0].split('/').pop() ?? '';
  return ICON_NAME.test(file);
}
