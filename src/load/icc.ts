/**
 * The CMYK output profile of the print edition (issue 34): the one file bulletin ships for
 * each printing condition, read from the package's src/resources/icc/ (its origin and licence
 * are in src/resources/icc/README.md), and the colour engine that converts to it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { RESOURCES } from '../resources.js';
import { readInputBytes } from './files.js';

/** A printing condition as the PDF/X output intent names it. */
export interface PrintCondition {
  /** The name in the ICC's registry of characterized printing conditions. */
  identifier: string;
  registry: string;
  /** What the condition is, in words a print shop reads in its preflight report. */
  info: string;
  /** Total ink the condition allows, per cent (C + M + Y + K). */
  inkLimit: number;
  file: string;
}

/** A printing condition with its profile's bytes. */
export interface PrintProfile extends PrintCondition {
  bytes: Buffer;
  sha256: string;
}

export const CONDITIONS: Record<'FOGRA39', PrintCondition> = {
  FOGRA39: {
    identifier: 'FOGRA39',
    registry: 'http://www.color.org',
    info: 'Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1 or 2, coated art)',
    inkLimit: 330,
    file: 'FOGRA39-bulletin.icc',
  },
};

/** Reads the profile of a printing condition from the package. */
export async function loadPrintProfile(condition: keyof typeof CONDITIONS): Promise<PrintProfile> {
  const c = CONDITIONS[condition];
  const bytes = await readInputBytes(
    path.join(RESOURCES, 'icc', c.file),
    `the ${condition} ICC profile`,
  );
  return { ...c, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
