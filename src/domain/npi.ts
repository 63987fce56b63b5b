/**
 * NPI check digit: Luhn over the 9-digit base prefixed with the card issuer
 * identifier 80840 (CMS NPI standard, "Check Digit" section). Equivalent shortcut:
 * Luhn over the 9 digits plus the constant 24 contributed by "80840".
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  // Walk right to left; every second digit (starting with the one left of the check digit) is doubled.
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
