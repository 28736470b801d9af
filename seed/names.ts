/**
 * Word lists for synthetic names. People and companies are combinations drawn by a seeded PRNG:
 * no real person's or company's data is used.
 */
export const FEMALE_NAMES = [
  'Camila', 'Valentina', 'Javiera', 'Constanza', 'Francisca', 'Catalina', 'Fernanda', 'Daniela', 'Antonia', 'Isidora',
  'María José', 'Carolina', 'Paula', 'Macarena', 'Bárbara', 'Natalia', 'Andrea', 'Claudia', 'Patricia', 'Rosa',
  'Marcela', 'Verónica', 'Carmen', 'Ximena', 'Gloria', 'Lorena', 'Pamela', 'Elena', 'Sofía', 'Florencia',
];
export const MALE_NAMES = [
  'Benjamín', 'Matías', 'Vicente', 'Martín', 'Sebastián', 'Joaquín', 'Diego', 'Tomás', 'Nicolás', 'Felipe',
  'José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Cristián', 'Rodrigo', 'Patricio', 'Manuel', 'Francisco',
  'Héctor', 'Víctor', 'Pedro', 'Marcelo', 'Álvaro', 'Gonzalo', 'Ignacio', 'Andrés', 'Mauricio', 'Claudio',
];
export const SURNAMES = [
  'González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez', 'Sepúlveda',
  'Morales', 'Rodríguez', 'López', 'Fuentes', 'Hernández', 'Torres', 'Araya', 'Flores', 'Espinoza', 'Valenzuela',
  'Castillo', 'Ramírez', 'Reyes', 'Gutiérrez', 'Castro', 'Vargas', 'Álvarez', 'Vásquez', 'Tapia', 'Fernández',
  'Sánchez', 'Carrasco', 'Gómez', 'Cortés', 'Herrera', 'Núñez', 'Jara', 'Vergara', 'Rivera', 'Figueroa',
  'Barrientos', 'Oyarzún', 'Cárcamo', 'Mansilla', 'Vera', 'Uribe', 'Alvarado', 'Ojeda', 'Gallardo', 'Paredes',
  'Andrade', 'Aguilar', 'Bórquez', 'Chiguay', 'Millalonco', 'Nahuelpán', 'Huenchupán', 'Levicoy', 'Raipillán', 'Quinchen',
];
export const COMPANY_WORDS = [
  'Austral', 'Patagonia', 'Reloncaví', 'Llanquihue', 'Chiloé', 'Sur', 'Pacífico', 'Andes', 'Fiordo', 'Volcán',
  'Lago', 'Bosque', 'Marea', 'Canal', 'Archipiélago', 'Isla', 'Costa', 'Valle', 'Puerto', 'Estero',
];
export const COMPANY_TRADES: Record<string, string[]> = {
  A: ['Cultivos Marinos', 'Acuícola', 'Agrícola', 'Pesquera', 'Lechera'],
  C: ['Procesadora', 'Alimentos', 'Conservas', 'Maderas', 'Industrial'],
  G: ['Comercial', 'Distribuidora', 'Supermercados', 'Ferretería', 'Tiendas'],
  F: ['Constructora', 'Ingeniería y Construcción', 'Obras Civiles', 'Montajes'],
  I: ['Hotelera', 'Turismo', 'Restaurantes', 'Cabañas', 'Gastronomía'],
  N: ['Servicios', 'Aseo Industrial', 'Seguridad', 'Recursos Humanos'],
  H: ['Transportes', 'Logística', 'Naviera', 'Buses'],
  O: ['Corporación Municipal', 'Servicio Local'],
  P: ['Colegio', 'Centro Educacional', 'Jardín Infantil'],
  Q: ['Centro Médico', 'Clínica', 'Residencia Adulto Mayor'],
  S: ['Peluquería', 'Servicios Personales', 'Lavandería'],
};
export const LEGAL_FORMS = ['SpA', 'Ltda.', 'S.A.', 'E.I.R.L.'];
