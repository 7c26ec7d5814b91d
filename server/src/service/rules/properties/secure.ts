// SECURE properties (AnonymousUserPass, WAMUserPass, UNCPassword, AdminACL...): IIS writes them encrypted
// with the server's key, as hex digits (`496344627000...`). Anything else is a secret in plain text.

import { PropertyFact } from '../../schema';
import { PropertyValue } from './value';

/** Whether a secret's value has the form IIS writes it in, encrypted: hex digits (or nothing). */
export function isEncrypted(value: string): boolean {
  return /^[0-9a-fA-F]*$/.test(value);
}

export function checkSecret(value: PropertyValue, property: PropertyFact): void {
  if (isEncrypted(value.decoded)) return;
  value.reportAll('secure-plaintext',
    `${property.name} is a secret that IIS stores encrypted (hex digits); this value is not encrypted, so anyone who reads the file reads it`);
}
