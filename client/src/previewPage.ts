/**
 * The preview's HTML page: an empty shell whose only script is ours (nonce'd), under a strict Content-Security-Policy.
 * The article arrives by message and is patched in by the script. No `vscode` import, so that tests can build it.
 */
import { randomBytes } from 'node:crypto';

export interface PreviewPageOptions {
  /** `webview.cspSource`: the origin of the webview's own resources (our script and style, local images). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** `newsdesk.preview.allowHttpImages`: also load images over plain http. */
  allowHttpImages: boolean;
  /** A fresh one per page; tests pass their own. */
  nonce?: string;
}

/** A nonce from a cryptographic source, as CSP asks (base64 of 16 random bytes). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

const escapeAttribute = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The Content-Security-Policy of the page: nothing but our nonce'd script runs; images over https, ours and data:. */
export function previewCsp(options: PreviewPageOptions & { nonce: string }): string {
  const images = ['https:', options.cspSource, 'data:', ...(options.allowHttpImages ? ['http:'] : [])].join(' ');
  // Style attributes are allowed (`style-src-attr`): the server's sanitiser keeps only listed properties with plain
  // values (no `url(`, no `expression`), so they can load and run nothing; blocked, each would also be reported as a
  // violation, which made the parse of a long article ten times slower. `<style>` elements still need the nonce.
  return [
    `default-src 'none'`,
    `img-src ${images}`,
    `style-src ${options.cspSource} 'nonce-${options.nonce}'`,
    `style-src-attr 'unsafe-inline'`,
    `script-src 'nonce-${options.nonce}'`,
  ].join('; ');
}

export function previewPage(options: PreviewPageOptions): string {
  const nonce = options.nonce ?? createNonce();
  const csp = previewCsp({ ...options, nonce });
  return `<!DOCTYPE html>
<html lang="en" class="newsdesk-own-style">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(options.styleUri)}">
<title>Newsdesk Preview</title>
</head>
<body data-allow-http-images="${options.allowHttpImages}">
<header id="newsdesk-header" class="newsdesk-header"></header>
<div id="newsdesk-liquid-error" class="newsdesk-liquid-error" hidden></div>
<article id="newsdesk-article" class="newsdesk-article"><p class="newsdesk-waiting">Rendering…</p></article>
<script nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
