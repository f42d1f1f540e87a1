// Pages for browser tests. Everything is inline (no fonts, scripts or images from the network), so the
// Web Vitals they produce depend only on this server and the browser, never on a CDN.

const baseStyle = `
  body { margin: 0; font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7fb; }
  header, main { padding: 16px 24px; }
  h1 { margin: 0; font-size: 24px; }
  .hero { margin: 16px 0; padding: 32px; background: #dfe8ff; font-size: 44px; line-height: 1.25; font-weight: 700; min-height: 360px; }
  button { font-size: 16px; padding: 8px 16px; }
  form { margin-top: 16px; }
`;

const heroText =
  'Measure before you ship. This hero block is the largest element on the page, so it is the one ' +
  'Largest Contentful Paint reports.';

function page(title: string, body: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${baseStyle}${extraStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export const homePage = page(
  'FPT demo target: home',
  `<header><h1 id="title">FPT demo shop</h1></header>
<main>
<section id="hero" class="hero">${heroText}</section>
<button id="cta" type="button">Click me</button>
<button id="buy" type="button">Buy</button>
<p id="result" aria-live="polite"></p>
<form id="search-form" action="/pages/home" method="get">
<label for="q">Search</label>
<input id="q" name="q" type="text" autocomplete="off">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="off">
<button id="search" type="submit">Search</button>
</form>
</main>
<script>
function showClicked() {
  document.getElementById('result').textContent = 'Clicked!';
}
document.getElementById('cta').addEventListener('click', showClicked);
document.getElementById('buy').addEventListener('click', showClicked);
// After a form submit the fields come back in the query; echoing them lets a journey check what it typed.
var params = new URLSearchParams(location.search);
if (params.has('q') || params.has('email')) {
  document.getElementById('result').textContent =
    'Submitted q=' + (params.get('q') || '') + ' email=' + (params.get('email') || '');
}
</script>`,
);

export function slowLcpPage(delayMs: number): string {
  return page(
    'FPT demo target: slow LCP',
    `<header><h1 id="title">Slow hero</h1></header>
<main id="main"><p id="waiting">The hero appears after ${delayMs} ms.</p></main>
<script>
setTimeout(function () {
  var hero = document.createElement('section');
  hero.id = 'hero';
  hero.className = 'hero';
  hero.textContent = ${JSON.stringify(heroText)};
  document.getElementById('main').appendChild(hero);
}, ${delayMs});
</script>`,
  );
}

const shiftLayout = { headerPx: 100, contentPx: 300, boxesPx: 400, bannerPx: 200 } as const;

/**
 * The layout shift is designed to have one known score. Every visible box has a fixed height (header
 * 100px, #content 300px, both with a background and overflow hidden, so text wrapping cannot change the
 * geometry), the page is shorter than the viewport (no scrollbar), and the 200px #banner inserted above
 * them moves both down by 200px. Layout Instability scores a shift as impact fraction × distance fraction:
 * the union of the moved boxes before and after covers y = 0..600 of the full width, and the distance is
 * 200px over the viewport's largest side. At 1280×800: (600 / 800) × (200 / 1280) = 0.1171875.
 * Valid for viewports at least 600px high, where the page never scrolls.
 */
export function expectedShiftCls(viewport: { readonly width: number; readonly height: number }): number {
  const impactFraction =
    Math.min(shiftLayout.boxesPx + shiftLayout.bannerPx, viewport.height) / viewport.height;
  const distanceFraction = shiftLayout.bannerPx / Math.max(viewport.width, viewport.height);
  return impactFraction * distanceFraction;
}

export function shiftPage(delayMs: number): string {
  return page(
    'FPT demo target: layout shift',
    `<div id="banner-slot"></div>
<header><h1 id="title">Layout shift</h1></header>
<main id="content">
<p>This content moves down when a banner is inserted above it ${delayMs} ms after load.</p>
<section class="hero">${heroText}</section>
</main>
<script>
window.addEventListener('load', function () {
  setTimeout(function () {
    var banner = document.createElement('div');
    banner.id = 'banner';
    banner.textContent = 'Late banner';
    document.getElementById('banner-slot').appendChild(banner);
  }, ${delayMs});
});
</script>`,
    `#banner { height: ${shiftLayout.bannerPx}px; background: #ffd6a5; font-size: 20px; padding: 16px; box-sizing: border-box; }
  header { height: ${shiftLayout.headerPx}px; box-sizing: border-box; overflow: hidden; background: #e4e7f0; }
  #content { height: ${shiftLayout.contentPx}px; box-sizing: border-box; overflow: hidden; background: #eef1f8; }`,
  );
}

/**
 * A click handler that keeps the main thread busy for `blockMs` before it paints "Done", so the
 * interaction's INP is at least blockMs (Event Timing rounds durations to 8 ms: with blockMs a multiple
 * of 8, INP ≥ blockMs exactly).
 */
export function slowClickPage(blockMs: number): string {
  return page(
    'FPT demo target: slow click',
    `<header><h1 id="title">Slow click</h1></header>
<main>
<section id="hero" class="hero">${heroText}</section>
<button id="slow" type="button">Block the main thread for ${blockMs} ms</button>
<p id="result" aria-live="polite"></p>
</main>
<script>
document.getElementById('slow').addEventListener('click', function () {
  var start = performance.now();
  while (performance.now() - start < ${blockMs}) {}
  document.getElementById('result').textContent = 'Done';
});
</script>`,
  );
}

/**
 * Nothing is ever painted: the only element is visibility:hidden. With no contentful paint there is no
 * FCP, no LCP candidate and (as CLS waits for FCP) no CLS; only TTFB is measured.
 */
export const noLcpPage = page(
  'FPT demo target: no LCP',
  '<p id="invisible" style="visibility: hidden">This text is never painted.</p>',
);

/** What a server error looks like to a browser: a 500 with an HTML body that still renders. */
export const errorPage = page(
  'FPT demo target: error',
  `<header><h1 id="title">Something went wrong</h1></header>
<main><p id="message">The demo target answered 500 on purpose.</p></main>`,
);
