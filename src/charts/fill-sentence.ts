/** A takeaway sentence's "{slot}"s filled with computed words. Pure. */

/** Fills "{name}" slots; returns the sentence and the slots it could not fill. */
export function fillSentence(
  sentence: string,
  slots: Record<string, string>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = sentence.replace(/\{(\w+)\}/g, (all, key: string) => {
    const value = Object.hasOwn(slots, key) ? slots[key] : undefined;
    if (value !== undefined) return value;
    missing.push(key);
    return all;
  });
  return { text: text.charAt(0).toUpperCase() + text.slice(1), missing };
}
