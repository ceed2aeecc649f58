import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A deliberately slow static site, written into `folder`: a large
 * render-blocking script that also keeps the main thread busy, a heavy
 * image without dimensions, and a banner inserted late that shifts the page.
 * Built by the tests rather than committed: it is megabytes of noise.
 */
export async function writeSlowSite(folder: string): Promise<void> {
  await mkdir(join(folder, 'assets'), { recursive: true });
  await writeFile(
    join(folder, 'index.html'),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="A deliberately slow page, for roadstop's lighthouse-gate tests.">
<title>Slow trip planner</title>
<script src="/assets/blocking.js"></script>
</head>
<body>
<div id="banner" style="background:#fc0">A late banner that pushes the page down</div>
<main>
<h1>Trip planner</h1>
<p id="lead">Plan the stops of a road trip.</p>
<img src="/assets/hero.bmp" alt="A road at dusk">
<p>Every stop shows its distance and the time to drive there.</p>
</main>
<script>
  // A second after the first paint: a shift Lighthouse's CLS counts.
  requestAnimationFrame(() => setTimeout(() => {
    document.getElementById('banner').style.height = '400px';
  }, 1000));
</script>
</body>
</html>
`,
  );
  // ~1.5 MB of script that gzip cannot shrink much, and a 700 ms busy loop when it runs.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const strings: string[] = [];
  for (let index = 0; index < 12_000; index++) strings.push(`"${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}${random().toString(36)}"`);
  await writeFile(
    join(folder, 'assets/blocking.js'),
    `window.__data = [${strings.join(',\n')}];\n(function busy() { const end = Date.now() + 700; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); window.__busy = x; })();\n`,
  );
  await writeFile(join(folder, 'assets/hero.bmp'), noiseBitmap(1200, 900));
}

/** An uncompressed 24-bit BMP of pseudo-random pixels: heavy, and incompressible on the wire. */
function noiseBitmap(width: number, height: number): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const pixels = rowSize * height;
  const buffer = Buffer.alloc(54 + pixels);
  buffer.write('BM', 0, 'ascii');
  buffer.writeUInt32LE(54 + pixels, 2);
  buffer.writeUInt32LE(54, 10);
  buffer.writeUInt32LE(40, 14);
  buffer.writeInt32LE(width, 18);
  buffer.writeInt32LE(height, 22);
  buffer.writeUInt16LE(1, 26);
  buffer.writeUInt16LE(24, 28);
  buffer.writeUInt32LE(pixels, 34);
  let seed = 987654321;
  for (let offset = 54; offset < buffer.length; offset++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    buffer[offset] = seed >>> 24;
  }
  return buffer;
}
