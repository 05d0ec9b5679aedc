import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { EXAMPLE_DIRECTORY } from '../../src/app/build-workflows';
import { tempDataDir } from './temp-data-dir';

/**
 * The example directory with identity-provider ids for web sign-in: lc-member by Entra object id, lc-director-services
 * by email (in another case than the provider sends). Returns the file's path.
 */
export function signInDirectoryFile(): string {
  const data = parse(readFileSync(EXAMPLE_DIRECTORY, 'utf8')) as { councils: Record<string, { people: Array<Record<string, unknown>> }> };
  for (const person of data.councils['london-councils']?.people ?? []) {
    if (person.id === 'lc-member') person.oid = '00000000-0000-0000-0000-00000000a001';
    if (person.id === 'lc-director-services') person.email = 'Fin.Services@londoncouncils.example';
  }
  const file = path.join(tempDataDir(), 'directory.yaml');
  writeFileSync(file, stringify(data));
  return file;
}

/** Accounts at the local OpenID provider: two the directory lists, one it does not. */
export const PROVIDER_ACCOUNTS = {
  'jo-member': { oid: '00000000-0000-0000-0000-00000000a001', email: 'jo.member@londoncouncils.example', email_verified: true, name: 'Jo Member' },
  'fin-services': { oid: '00000000-0000-0000-0000-00000000b002', email: 'fin.services@londoncouncils.example', email_verified: true, name: 'Fin Services' },
  stranger: { oid: '00000000-0000-0000-0000-00000000c003', email: 'someone@elsewhere.example', email_verified: true, name: 'Someone Else' },
};
