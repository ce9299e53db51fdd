import type { Catalog } from '../index.js';

export const common: Catalog = {
  en: {
    'error.rate_limited': 'Too many requests. Try again in {seconds} s.',
    'error.unavailable': 'The service is temporarily unavailable. Try again in {seconds} s.',
    'error.platform': 'The chat platform answered with an error ({code}).',
    'error.internal': 'Something went wrong on our side. The error was logged.',
    'error.unauthorized': 'Missing or invalid API key. Send "Authorization: Bearer <key>".',
    'error.not_found': 'Not found.',
    'error.body_too_large': 'The request body is larger than the limit of {limit} bytes.',
    'error.bad_json': 'The request body is not valid JSON: {reason}',
    'error.too_deep': 'The request body is nested more than {max} levels deep.',
    'error.unsupported_media': 'Unsupported content type "{type}". Use {expected}.',
    'error.validation': 'Invalid request: {details}',
    'error.query_param': 'Invalid query parameter "{name}": {reason}',
    'error.link_invalid': 'This link is invalid or has expired. Ask for the report again.',
  },
  'pt-BR': {
    'error.rate_limited': 'Muitas requisições. Tente de novo em {seconds} s.',
    'error.unavailable': 'O serviço está temporariamente indisponível. Tente de novo em {seconds} s.',
    'error.platform': 'A plataforma de chat respondeu com um erro ({code}).',
    'error.internal': 'Algo deu errado do nosso lado. O erro foi registrado.',
    'error.unauthorized': 'Chave de API ausente ou inválida. Envie "Authorization: Bearer <chave>".',
    'error.not_found': 'Não encontrado.',
    'error.body_too_large': 'O corpo da requisição passa do limite de {limit} bytes.',
    'error.bad_json': 'O corpo da requisição não é um JSON válido: {reason}',
    'error.too_deep': 'O corpo da requisição tem mais de {max} níveis de aninhamento.',
    'error.unsupported_media': 'Tipo de conteúdo "{type}" não suportado. Use {expected}.',
    'error.validation': 'Requisição inválida: {details}',
    'error.query_param': 'Parâmetro de consulta "{name}" inválido: {reason}',
    'error.link_invalid': 'Este link é inválido ou expirou. Peça o relatório de novo.',
  },
};
