import type { Catalog } from '../index.js';

export const periods: Catalog = {
  en: {},
  'pt-BR': {},
};
