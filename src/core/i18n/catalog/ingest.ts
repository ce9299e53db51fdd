import type { Catalog } from '../index.js';

export const ingest: Catalog = {
  en: {},
  'pt-BR': {},
};
