import { DocumentType } from '../../beneficiaries/documents/document-type';
import { randomDocumentNumber } from '../../beneficiaries/documents/document-number';
import { Random } from './random';

/** The 7 free digits of a YKN (99, 7 digits, 2 check digits): 10 million numbers. */
const YKN_SPACE = 10_000_000;

/**
 * Document numbers already taken in the organisation, so that every synthetic number is unique per
 * type as the database requires (and as real numbers are). Foreigner identity numbers, by far the
 * most numerous, are kept in a bitmap of their 10 million possible values (1.25 MB); the other types
 * in sets. Numbers already in the database are registered before generating.
 */
export class DocumentRegistry {
  private readonly ykn = new Uint8Array(YKN_SPACE / 8);
  private readonly others = new Map<string, Set<string>>();

  /** Marks a number as taken; false when it already was. */
  claim(type: string, number: string): boolean {
    if (type === (DocumentType.TrForeignerId as string) && /^99[0-9]{9}$/.test(number)) {
      const index = Number(number.slice(2, 9));
      const byte = index >>> 3;
      const bit = 1 << (index & 7);
      if (this.ykn[byte] & bit) return false;
      this.ykn[byte] |= bit;
      return true;
    }
    let taken = this.others.get(type);
    if (!taken) this.others.set(type, (taken = new Set()));
    if (taken.has(number)) return false;
    taken.add(number);
    return true;
  }

  /**
   * A valid number of the type (check digits included, see randomDocumentNumber) not yet taken, or
   * null when 50 draws in a row were taken (a nearly full number space).
   */
  draw(type: DocumentType, random: Random): string | null {
    for (let attempt = 0; attempt < 50; attempt++) {
      const number = randomDocumentNumber(type, random.source);
      if (this.claim(type, number)) return number;
    }
    return null;
  }
}
