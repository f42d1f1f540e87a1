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
<p id="result" aria-live="polite"></p>
<form id="search-form" action="/pages/home" method="get">
<label for="q">Search</label>
<input id="q" name="q" type="text" autocomplete="off">
<button id="search" type="submit">Search</button>
</form>
</main>
<script>
document.getElementById('cta').addEventListener('click', function () {
  document.getElementById('result').textContent = 'Clicked!';
});
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
    '#banner { height: 200px; background: #ffd6a5; font-size: 20px; padding: 16px; box-sizing: border-box; }',
  );
}
