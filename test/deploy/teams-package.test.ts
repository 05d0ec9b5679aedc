import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { ROOT, builtEntry } from '../support/built-entry-points';

const APP_ID = '0f6c2d7e-1a2b-4c3d-8e9f-a1b2c3d4e5f6';

/** Reads a stored (uncompressed) zip the way an unzip tool would: from its central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

/** Width, height and colour type from a PNG's header. */
function pngHeader(png: Buffer): { width: number; height: number; hasAlpha: boolean } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), hasAlpha: png[25] === 6 };
}

describe('npm run teams:package', () => {
  const script = builtEntry('scripts/teams/package-teams-app.js');

  it('zips the manifest, filled with the app id and host, and both icons at the sizes Teams requires', async () => {
    execFileSync(process.execPath, [script], {
      cwd: ROOT,
      env: { ...process.env, MICROSOFT_APP_ID: APP_ID, BOT_PUBLIC_HOST: 'bot.lydneytowncouncil.gov.uk' },
    });
    const files = readZip(readFileSync(path.join(ROOT, 'dist', 'teams', 'etiquette-teams-app.zip')));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['bot.lydneytowncouncil.gov.uk']);
    expect(JSON.stringify(manifest)).not.toContain('${');
    expect(JSON.stringify(manifest)).not.toContain('example.gov.uk');
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });

    expect(pngHeader(files.get('color.png')!)).toMatchObject({ width: 192, height: 192 });
    expect(pngHeader(files.get('outline.png')!)).toEqual({ width: 32, height: 32, hasAlpha: true });
  });

  it('refuses to package without a real app id and host, saying what is missing', async () => {
    const result = spawnSync(process.execPath, [script], {
      cwd: ROOT,
      env: { ...process.env, MICROSOFT_APP_ID: 'not-a-guid', BOT_PUBLIC_HOST: '' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('MICROSOFT_APP_ID');
    expect(result.stderr).toContain('BOT_PUBLIC_HOST');
  });
});
