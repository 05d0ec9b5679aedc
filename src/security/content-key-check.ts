import { AppError } from '../errors/app-error';
import type { CaseStore } from '../storage/case-store';
import { isLegacySealed, openLegacySealed, type ContentCipher } from './content-cipher';

const CHECK_KEY = 'content-key-check';
const CHECK_TEXT = 'etiquette content key check';
/** Set once the legacy re-seal has run over every case and message, so later starts skip it (start-up must not grow with the cases). */
const LEGACY_RESEAL_DONE = 'legacy-reseal-done';

function wrongKey(): AppError {
  return new AppError(
    'config_invalid',
    'COMPLAINT_KEY is not the key this database was created with, so its complaints and briefings could not be read: start with the original COMPLAINT_KEY (or the DATA_DIR that goes with this one)',
  );
}

/**
 * Makes sure the content key is the one the database's cases were sealed with, before anything reads them: a
 * check value is stored at first start and must open at every start after. Values sealed before cases were
 * bound to their reference are sealed again, bound, so none stays movable between cases: once, as this version
 * seals nothing the old way; the store's meta records that it was done.
 */
export async function checkContentKey(store: CaseStore, cipher: ContentCipher, key: Buffer): Promise<void> {
  const stored = await store.metaValue(CHECK_KEY);
  if (stored !== undefined) {
    let opened: string;
    try {
      opened = cipher.decrypt(stored, CHECK_KEY);
    } catch {
      throw wrongKey();
    }
    if (opened !== CHECK_TEXT) throw wrongKey();
  } else {
    // A database from before the check value: its first case must open with this key.
    const first = (await store.listCases())[0];
    if (first) {
      try {
        if (isLegacySealed(first.contentEnc)) openLegacySealed(key, first.contentEnc, first.reference);
        else cipher.decrypt(first.contentEnc, first.reference);
      } catch {
        throw wrongKey();
      }
    }
    await store.setMetaValue(CHECK_KEY, cipher.encrypt(CHECK_TEXT, CHECK_KEY));
  }
  if ((await store.metaValue(LEGACY_RESEAL_DONE)) !== undefined) return;
  await resealLegacy(store, cipher, key);
  await store.setMetaValue(LEGACY_RESEAL_DONE, new Date().toISOString());
}

/** Seals first-version values again, bound to their case; a value that cannot be opened is left for the report. */
async function resealLegacy(store: CaseStore, cipher: ContentCipher, key: Buffer): Promise<void> {
  for (const record of await store.listCases()) {
    if (!isLegacySealed(record.contentEnc)) continue;
    try {
      await store.resealContent(record.reference, cipher.encrypt(openLegacySealed(key, record.contentEnc, record.reference), record.reference));
    } catch {
      // Left as it is: reading it reports the case as unreadable, by reference, and nothing else stops.
    }
  }
  for (const message of await store.listAllMessages()) {
    if (!isLegacySealed(message.bodyEnc) || message.id === undefined) continue;
    try {
      await store.resealMessage(message.id, cipher.encrypt(openLegacySealed(key, message.bodyEnc, message.reference), messageBinding(message.reference)));
    } catch {
      // As above.
    }
  }
}

/** What a case message's sealed body is bound to: its case, as a message (never the case's own content). */
export function messageBinding(reference: string): string {
  return `${reference}#message`;
}
