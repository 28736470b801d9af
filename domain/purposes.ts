/**
 * The purposes for which personal data of job seekers may be read (Ley 21.719: processing is
 * bound to a declared purpose). A client declares one per request in the `x-purpose` header;
 * every audit entry records it. Spanish labels are what user-facing pages show.
 */
export const PURPOSES = {
  'job-placement': 'Intermediación laboral: búsqueda de empleo, derivación a vacantes y colocación',
  registration: 'Inscripción y actualización de la ficha de la persona en la OMIL',
  'training-referral': 'Derivación a capacitación, talleres de apresto y programas SENCE',
  'follow-up': 'Seguimiento de la colocación o de la capacitación de la persona',
  'data-subject-request':
    'Atención de una solicitud de derechos de la persona (acceso, rectificación, supresión, oposición, portabilidad, bloqueo)',
  'legal-obligation': 'Cumplimiento de una obligación legal o requerimiento de autoridad competente (fiscalización, tribunales)',
  'data-quality': 'Corrección de errores y control de calidad de los registros',
} as const;

export type Purpose = keyof typeof PURPOSES;

export const PURPOSE_NAMES = Object.keys(PURPOSES) as Purpose[];
