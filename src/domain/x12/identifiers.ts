/** ISA05 / ISA07 interchange id qualifiers (X12.5): DUNS, Medicare/Medicaid ids, HIN, mutually defined (ZZ)… */
export const INTERCHANGE_ID_QUALIFIERS = ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ'] as const;
export type InterchangeIdQualifier = (typeof INTERCHANGE_ID_QUALIFIERS)[number];
