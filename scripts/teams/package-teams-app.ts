import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/app/project-root';
import { storeZip } from './store-zip';

// `npm run teams:package`: fills teams/manifest.json with this installation's app id and host name and zips it
// with its two icons, ready to upload in Teams admin centre ("Manage apps" → "Upload an app").
//   MICROSOFT_APP_ID=<Entra app (client) id> BOT_PUBLIC_HOST=bot.council.gov.uk npm run teams:package

const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function fail(message: string): never {
  process.stderr.write(`teams:package: ${message}\n`);
  process.exit(2);
}

const appId = process.env.MICROSOFT_APP_ID ?? '';
const host = process.env.BOT_PUBLIC_HOST ?? '';
const problems: string[] = [];
if (!APP_ID.test(appId)) problems.push("MICROSOFT_APP_ID must be the bot's Microsoft Entra application (client) id, a GUID");
if (!HOST.test(host)) problems.push('BOT_PUBLIC_HOST must be the public host name the bot is served on, e.g. bot.council.gov.uk');
if (problems.length > 0) fail(problems.join('\n  '));

const root = projectRoot();
const template = readFileSync(path.join(root, 'teams', 'manifest.json'), 'utf8');
const manifest = template.split('${MICROSOFT_APP_ID}').join(appId).split('bot.example.gov.uk').join(host);
JSON.parse(manifest); // the template is JSON; substituting ids and a host name keeps it so

const outDir = path.join(root, 'dist', 'teams');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, 'etiquette-teams-app.zip');
writeFileSync(
  outFile,
  storeZip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(path.join(root, 'teams', 'color.png')) },
    { name: 'outline.png', data: readFileSync(path.join(root, 'teams', 'outline.png')) },
  ]),
);
process.stdout.write(`${path.relative(process.cwd(), outFile)}: manifest.json, color.png (192×192), outline.png (32×32)\n`);
