import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lumaOf, turnInPlace, type Raster } from './raster';

/** White 400 × 300 image with one dark 20 px square near the top right corner. */
function withSquare(channels: 1 | 3): Raster {
  const [width, height] = [400, 300];
  const data = new Uint8Array(width * height * channels).fill(255);
  for (let y = 30; y < 50; y++) data.fill(0, (y * width + 330) * channels, (y * width + 350) * channels);
  return { data, width, height, channels };
}

function inkCentre(image: Raster) {
  let [sumX, sumY, count] = [0, 0, 0];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.data[(y * image.width + x) * image.channels]! < 128) [sumX, sumY, count] = [sumX + x, sumY + y, count + 1];
    }
  }
  return { x: sumX / count, y: sumY / count, count };
}

describe('turnInPlace', () => {
  it('turns clockwise about the centre as sharp.rotate does, keeping the size and filling with the background', async () => {
    const source = withSquare(1);
    const { data, info } = await sharp(source.data, { raw: { width: 400, height: 300, channels: 1 } }).rotate(4, { background: '#fff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const reference = await sharp(data, { raw: info })
      .extract({ left: Math.floor((info.width - 400) / 2), top: Math.floor((info.height - 300) / 2), width: 400, height: 300 })
      .toColourspace('b-w')
      .raw()
      .toBuffer();
    turnInPlace(source, 4, 255);
    const ours = inkCentre(source);
    const theirs = inkCentre({ data: reference, width: 400, height: 300, channels: 1 });
    // The square moves about 18 px; the two agree to the half pixel by which they place the centre.
    expect(Math.abs(ours.x - theirs.x)).toBeLessThan(1.5);
    expect(Math.abs(ours.y - theirs.y)).toBeLessThan(1.5);
    expect(ours.count).toBe(400);
    expect(source.data[0]).toBe(255);
  });

  it('moves every channel of a pixel together', () => {
    const turned = withSquare(3);
    turnInPlace(turned, -3, 255);
    const mixed = turned.data.filter((value, i) => i % 3 === 0 && (turned.data[i + 1] !== value || turned.data[i + 2] !== value));
    expect(mixed).toHaveLength(0);
    expect(inkCentre(turned).count).toBe(400);
  });
});

describe('lumaOf', () => {
  it('weighs red, green and blue as Rec. 601 does', () => {
    const gray = lumaOf({ data: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]), width: 3, height: 1, channels: 3 });
    expect([...gray.data]).toEqual([76, 149, 29]);
  });
});
