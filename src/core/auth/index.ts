export { type ApiKeyParts, apiKeyText, parseApiKeyText } from './api-key-text.js';
export { isRole, ROLES, type Role, type RouteAccess, roleGrants } from './roles.js';
