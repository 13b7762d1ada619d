/**
 * Draws the Campus app icons (a mortarboard) and writes appPackage/color.png (192x192, white on the accent colour)
 * and appPackage/outline.png (32x32, white on transparent) as Teams asks, plus the tab's favicon.
 * Run: `npx tsx infra/scripts/generate-icons.ts`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { repoRoot } from '../local/paths.js';
import { appPackageDir } from './app-manifest.js';

type Rgba = readonly [number, number, number, number];
/** A shape in unit coordinates (0..1 across the icon); true where the point is inside. */
type Shape = (x: number, y: number) => boolean;

const accent: Rgba = [0x2b, 0x6c, 0xb0, 255];
const white: Rgba = [255, 255, 255, 255];
const clear: Rgba = [0, 0, 0, 0];

const diamond =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    Math.abs(x - cx) / rx + Math.abs(y - cy) / ry <= 1;
const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

/** Layers painted bottom to top; `gap` is painted in the background colour so the board stands off the cap. */
function mortarboard(gap: Rgba): Array<[Shape, Rgba]> {
  return [
    [union(rect(0.3, 0.44, 0.7, 0.62), ellipse(0.5, 0.62, 0.2, 0.08)), white],
    [diamond(0.5, 0.4, 0.44, 0.19), gap],
    [diamond(0.5, 0.4, 0.38, 0.15), white],
    [union(rect(0.76, 0.43, 0.79, 0.66), ellipse(0.775, 0.68, 0.035, 0.045)), white],
  ];
}

/** Renders layers over `background` with 4x4 supersampling, so edges stay smooth at 32 pixels. */
function render(size: number, background: Rgba, layers: Array<[Shape, Rgba]>, margin: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = ((px + (sx + 0.5) / samples) / size - margin) / (1 - 2 * margin);
          const v = ((py + (sy + 0.5) / samples) / size - margin) / (1 - 2 * margin);
          const color = layers.reduce<Rgba>((top, [shape, fill]) => (shape(u, v) ? fill : top), background);
          // Premultiplied sums keep transparent samples from darkening white edges.
          sum[0]! += color[0] * color[3];
          sum[1]! += color[1] * color[3];
          sum[2]! += color[2] * color[3];
          sum[3]! += color[3];
        }
      }
      const alpha = sum[3]!;
      const offset = (py * size + px) * 4;
      pixels[offset] = alpha ? Math.round(sum[0]! / alpha) : 0;
      pixels[offset + 1] = alpha ? Math.round(sum[1]! / alpha) : 0;
      pixels[offset + 2] = alpha ? Math.round(sum[2]! / alpha) : 0;
      pixels[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filtering). */
function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

await writeFile(
  path.join(appPackageDir, 'color.png'),
  encodePng(192, render(192, accent, mortarboard(accent), 0.12)),
);
await writeFile(
  path.join(appPackageDir, 'outline.png'),
  encodePng(32, render(32, clear, mortarboard(clear), 0.04)),
);
await writeFile(
  path.join(repoRoot, 'tab', 'public', 'favicon.png'),
  encodePng(64, render(64, accent, mortarboard(accent), 0.08)),
);
console.log('Wrote appPackage/color.png, appPackage/outline.png and tab/public/favicon.png');
